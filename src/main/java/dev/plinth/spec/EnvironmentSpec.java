package dev.plinth.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What a client asks for: the whole environment as one document. Only {@code name}, {@code region}
 * and {@code network} are required; every other section is optional, and a section that is present
 * is on unless it says {@code "enabled": false}.
 *
 * @param name       DNS-safe, 3 to 40 characters, unique among environments that are not DELETED
 * @param region     the AWS region every resource is made in
 * @param preset     the preset the spec started from, if any (its document is merged under this one)
 * @param tags       extra tags put on every resource that takes tags
 * @param network    the VPC and everything in it
 * @param database   an RDS instance (with an RDS Proxy) or a DynamoDB table
 * @param fileSystem an EFS file system shared by the app's tasks
 * @param service    the containerised app on ECS Fargate behind a load balancer
 * @param cdn        a CloudFront distribution in front of the load balancer
 * @param alarms     CloudWatch alarms on the load balancer, the service and the database
 * @param driftPolicy what the periodic drift check does with what it finds, default {@code report}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnvironmentSpec(
        String name,
        String region,
        @Nullable String preset,
        Map<String, String> tags,
        NetworkSpec network,
        @Nullable DatabaseSpec database,
        @Nullable FileSystemSpec fileSystem,
        @Nullable ServiceSpec service,
        @Nullable CdnSpec cdn,
        @Nullable AlarmsSpec alarms,
        @Nullable DriftPolicy driftPolicy) {

    /** Tags are kept sorted, so equal specs serialise (and hash) equally. */
    public EnvironmentSpec {
        tags = tags == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(tags));
    }

    /** A spec with the default drift policy. */
    public EnvironmentSpec(
            String name,
            String region,
            @Nullable String preset,
            Map<String, String> tags,
            NetworkSpec network,
            @Nullable DatabaseSpec database,
            @Nullable FileSystemSpec fileSystem,
            @Nullable ServiceSpec service,
            @Nullable CdnSpec cdn,
            @Nullable AlarmsSpec alarms) {
        this(name, region, preset, tags, network, database, fileSystem, service, cdn, alarms, null);
    }

    /** A spec with only the network layer. */
    public EnvironmentSpec(String name, String region, Map<String, String> tags, NetworkSpec network) {
        this(name, region, null, tags, network, null, null, null, null, null);
    }

    /**
     * The spec with every optional setting made explicit and switched-off sections removed; call
     * only on a valid spec.
     */
    /** Whether the spec protects its RDS database from deletion. */
    @JsonIgnore
    public boolean deletionProtected() {
        return Sections.on(database) && Boolean.TRUE.equals(database.deletionProtection());
    }

    public EnvironmentSpec withDefaults() {
        return new EnvironmentSpec(
                name,
                region,
                preset,
                tags,
                network.withDefaults(),
                Sections.on(database) ? database.withDefaults() : null,
                Sections.on(fileSystem) ? fileSystem.withDefaults() : null,
                Sections.on(service) ? service.withDefaults() : null,
                Sections.on(cdn) && Sections.on(service) ? cdn.withDefaults() : null,
                Sections.on(alarms) ? alarms.withDefaults() : null,
                driftPolicy == null ? DriftPolicy.REPORT : driftPolicy);
    }

    public boolean hasDatabase() {
        return database != null;
    }

    public boolean hasRelationalDatabase() {
        return database != null && database.engineOrDefault().relational();
    }

    public boolean hasProxy() {
        return database != null && hasRelationalDatabase() && Boolean.TRUE.equals(database.proxy());
    }

    public boolean hasFileSystem() {
        return fileSystem != null;
    }

    public boolean hasService() {
        return service != null;
    }

    public boolean hasCdn() {
        return cdn != null;
    }

    public boolean hasAlarms() {
        return alarms != null;
    }
}
