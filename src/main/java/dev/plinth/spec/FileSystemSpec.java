package dev.plinth.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The storage layer: an encrypted EFS file system with a mount target in every private subnet and an
 * access point, mounted into the app's tasks.
 *
 * @param mountPath where the tasks see it, default {@code /data}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FileSystemSpec(
        @Nullable Boolean enabled, @Nullable String mountPath) implements Sections.Switchable {

    public static final String DEFAULT_MOUNT_PATH = "/data";

    FileSystemSpec withDefaults() {
        return new FileSystemSpec(null, mountPath == null ? DEFAULT_MOUNT_PATH : mountPath);
    }
}
