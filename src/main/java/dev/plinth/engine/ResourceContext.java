package dev.plinth.engine;

import dev.plinth.environment.Environment;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a handler knows about the resource it works on.
 *
 * @param environmentId the owning environment, tagged on every resource
 * @param environmentName the environment's name, the prefix of every {@code Name} tag
 * @param region        the AWS region of the environment
 * @param key           the resource's key in the graph
 * @param physicalId    the AWS id recorded for it, or null when none was recorded yet
 * @param dependencies  the records of the resources it depends on (all READY while creating)
 * @param tags          the tags every resource of this environment carries, plus its own Name and key
 */
public record ResourceContext(
        String environmentId,
        String environmentName,
        String region,
        ResourceKey key,
        @Nullable String physicalId,
        Map<ResourceKey, ResourceRecord> dependencies,
        Map<String, String> tags) {

    public ResourceContext {
        dependencies = Map.copyOf(dependencies);
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /** A context whose tags are the client's tags plus plinth's own. */
    public static ResourceContext of(
            String environmentId,
            String environmentName,
            String region,
            ResourceKey key,
            @Nullable String physicalId,
            Map<ResourceKey, ResourceRecord> dependencies,
            Map<String, String> userTags) {
        return new ResourceContext(
                environmentId,
                environmentName,
                region,
                key,
                physicalId,
                dependencies,
                Tags.forResource(userTags, environmentId, nameOf(environmentName, key), key));
    }

    /** The context of {@code node} of {@code env}, with the records of what it depends on that exist. */
    static ResourceContext of(
            Environment env, ResourceNode node, @Nullable String physicalId, Map<ResourceKey, ResourceRecord> records) {
        var dependencies = new HashMap<ResourceKey, ResourceRecord>();
        for (ResourceKey dependency : node.dependsOn()) {
            ResourceRecord r = records.get(dependency);
            if (r != null) {
                dependencies.put(dependency, r);
            }
        }
        return of(
                env.id(),
                env.name(),
                env.region(),
                node.key(),
                physicalId,
                dependencies,
                env.spec().tags());
    }

    /** The recorded AWS id, when there is one. */
    public Optional<String> knownId() {
        return Optional.ofNullable(physicalId);
    }

    /** The AWS id of a resource this one depends on. */
    public String idOf(ResourceKey dependency) {
        ResourceRecord record = dependencies.get(dependency);
        if (record == null || record.physicalId() == null) {
            throw new IllegalStateException(
                    key + " needs the id of " + dependency + ", which is not among its dependencies");
        }
        return record.physicalId();
    }

    /** An attribute a resource this one depends on published when it became ready. */
    public String attributeOf(ResourceKey dependency, String name) {
        ResourceRecord record = dependencies.get(dependency);
        String value = record == null ? null : record.attributes().get(name);
        if (value == null) {
            throw new IllegalStateException(
                    key + " needs " + name + " of " + dependency + ", which did not publish it");
        }
        return value;
    }

    /** Whether tags (as a map) mark a resource as this environment's resource of this key: how a lost id is found again. */
    public boolean owns(Map<String, String> tags) {
        return environmentId.equals(tags.get(Tags.ENVIRONMENT_ID))
                && key.value().equals(tags.get(Tags.RESOURCE_KEY));
    }

    /**
     * How {@code actual}, the tags the resource has, differ from {@link #tags}: one {@code tags.<key>}
     * difference per key to set or remove, for {@link Observation#differences()}.
     */
    public List<Difference> tagDifferences(Map<String, String> actual) {
        return Tags.differences(tags, actual);
    }

    /** Whether this resource depends on {@code dependency} (in this environment's graph). */
    public boolean dependsOn(ResourceKey dependency) {
        return dependencies.containsKey(dependency);
    }

    /**
     * A deterministic token for APIs that take one (EC2 ClientToken and the like): the same for every
     * attempt, at most 64 characters.
     */
    public String idempotencyToken() {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(key.value().getBytes(StandardCharsets.UTF_8));
            return environmentId + "-" + HexFormat.of().formatHex(digest).substring(0, 27);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value of this resource's {@code Name} tag and, where names must be unique, its name. */
    public String name() {
        return nameOf(environmentName, key);
    }

    /** The {@link #name()} of another resource of this environment. */
    public String nameOf(ResourceKey other) {
        return nameOf(environmentName, other);
    }

    private static String nameOf(String environmentName, ResourceKey key) {
        return environmentName + "-" + key.value().replace('/', '-');
    }

    public ResourceContext withPhysicalId(@Nullable String id) {
        return new ResourceContext(environmentId, environmentName, region, key, id, dependencies, tags);
    }
}
