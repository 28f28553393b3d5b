package dev.plinth.aws.storage;

import dev.plinth.aws.network.NetworkLayer;
import dev.plinth.engine.Layer;
import dev.plinth.engine.LayerNodes;
import dev.plinth.engine.ResourceKey;
import dev.plinth.engine.ResourceNode;
import dev.plinth.spec.EnvironmentSpec;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.efs.model.PerformanceMode;
import software.amazon.awssdk.services.efs.model.ThroughputMode;

/**
 * The storage layer as data: an encrypted EFS file system, a mount target in every private subnet
 * (in the file-system security group), and an access point the app's tasks mount through.
 */
public final class StorageLayer {

    public static final ResourceKey FILE_SYSTEM = ResourceKey.of("file-system");
    public static final ResourceKey ACCESS_POINT = ResourceKey.of("file-system", "access-point");

    /** On {@link #FILE_SYSTEM} and {@link #ACCESS_POINT}: the ARN. */
    public static final String ARN = "arn";

    /** The POSIX user and group id every client of the access point acts as, and owner of its root directory. */
    static final long POSIX_ID = 1000;
    /** The mode of the access point's root directory when EFS creates it. */
    static final String ROOT_PERMISSIONS = "0755";

    private StorageLayer() {}

    public static ResourceKey mountTarget(String zone) {
        return ResourceKey.of("file-system", "mount-target", zone);
    }

    /** The directory the access point exposes as the root: one per environment name. */
    static String rootDirectory(EnvironmentSpec spec) {
        return "/" + spec.name();
    }

    /** The resources of the storage layer; none without a file system section. */
    public static List<ResourceNode> nodes(EnvironmentSpec spec, List<String> zones) {
        if (!spec.hasFileSystem()) {
            return List.of();
        }
        var nodes = new LayerNodes(Layer.STORAGE);
        nodes.add(FILE_SYSTEM, new FileSystemHandler.Desired(PerformanceMode.GENERAL_PURPOSE, ThroughputMode.ELASTIC));
        ResourceKey group = NetworkLayer.SecurityGroupRole.FILE_SYSTEM.key();
        for (String zone : zones) {
            ResourceKey subnet = NetworkLayer.privateSubnet(zone);
            nodes.add(
                    mountTarget(zone),
                    new MountTargetHandler.Desired(FILE_SYSTEM, subnet, group),
                    FILE_SYSTEM,
                    subnet,
                    group);
        }
        nodes.add(
                ACCESS_POINT,
                new AccessPointHandler.Desired(FILE_SYSTEM, POSIX_ID, POSIX_ID, rootDirectory(spec), ROOT_PERMISSIONS),
                FILE_SYSTEM);
        return nodes.list();
    }

    /** What a task must wait for before it can mount the file system. */
    public static List<ResourceKey> readyForApp(EnvironmentSpec spec, List<String> zones) {
        if (!spec.hasFileSystem()) {
            return List.of();
        }
        var keys = new ArrayList<ResourceKey>(List.of(FILE_SYSTEM, ACCESS_POINT));
        zones.forEach(zone -> keys.add(mountTarget(zone)));
        return keys;
    }
}
