package dev.plinth.environment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a client asks for: the whole environment as one document. Later layers (database, file
 * system, service, CDN, alarms) join {@code network} as further optional sections.
 *
 * @param name    DNS-safe, 3 to 40 characters, unique among environments that are not DELETED
 * @param region  the AWS region every resource is made in
 * @param tags    extra tags put on every resource that takes tags
 * @param network the VPC and everything in it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnvironmentSpec(String name, String region, Map<String, String> tags, NetworkSpec network) {

    /** Tags are kept sorted, so equal specs serialise (and hash) equally. */
    public EnvironmentSpec {
        tags = tags == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(tags));
    }

    /** The spec with every optional setting made explicit; call only on a valid spec. */
    public EnvironmentSpec withDefaults() {
        return new EnvironmentSpec(name, region, tags, network.withDefaults());
    }
}
