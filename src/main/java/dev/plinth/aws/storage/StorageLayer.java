package dev.plinth.aws.storage;

import dev.plinth.engine.ResourceKey;
import dev.plinth.engine.ResourceNode;
import dev.plinth.environment.EnvironmentSpec;
import java.util.List;

/**
 * The storage layer as data: an encrypted EFS file system, a mount target in every private subnet
 * (in the file-system security group), and an access point the app's tasks mount through.
 */
public final class StorageLayer {

    public static final ResourceKey FILE_SYSTEM = ResourceKey.of("file-system");
    public static final ResourceKey ACCESS_POINT = ResourceKey.of("file-system", "access-point");

    /** On {@link #FILE_SYSTEM} and {@link #ACCESS_POINT}: the ARN. */
    public static final String ARN = "arn";

    private StorageLayer() {}

    public static ResourceKey mountTarget(String zone) {
        return ResourceKey.of("file-system", "mount-target", zone);
    }

    /** The resources of the storage layer; none without a file system section. */
    public static List<ResourceNode> nodes(EnvironmentSpec spec, List<String> zones) {
        return List.of();
    }

    /** What a task must wait for before it can mount the file system. */
    public static List<ResourceKey> readyForApp(EnvironmentSpec spec, List<String> zones) {
        if (!spec.hasFileSystem()) {
            return List.of();
        }
        var keys = new java.util.ArrayList<ResourceKey>(List.of(FILE_SYSTEM, ACCESS_POINT));
        zones.forEach(zone -> keys.add(mountTarget(zone)));
        return keys;
    }
}
