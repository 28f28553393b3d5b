package dev.plinth.engine;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One resource in an environment's graph.
 *
 * @param dependsOn the resources that must be READY before this one is created, and that are
 *                  deleted only after this one is gone
 * @param needsOnly of those, the ones this one needs only for an attribute they publish before they are
 *                  ready (a DB instance's secret ARN, known from its create call on): the attribute's name.
 *                  Creation starts once each has published it; teardown still waits for this one first.
 */
public record ResourceNode(
        ResourceKey key,
        Layer layer,
        ResourceDesired desired,
        Set<ResourceKey> dependsOn,
        Map<ResourceKey, String> needsOnly) {

    /** The states of a resource AWS has made and that is not failing or going away. */
    private static final Set<ResourceState> MADE =
            EnumSet.of(ResourceState.WAITING, ResourceState.CHECKING, ResourceState.UPDATING, ResourceState.READY);

    public ResourceNode {
        dependsOn = Set.copyOf(dependsOn);
        needsOnly = Map.copyOf(needsOnly);
        if (!dependsOn.containsAll(needsOnly.keySet())) {
            throw new IllegalArgumentException(key + " needs an attribute of what it does not depend on: " + needsOnly);
        }
    }

    public ResourceNode(ResourceKey key, Layer layer, ResourceDesired desired, Set<ResourceKey> dependsOn) {
        this(key, layer, desired, dependsOn, Map.of());
    }

    /** Whether what it depends on, as recorded, lets its creation start. */
    public boolean canStart(Map<ResourceKey, ResourceRecord> records) {
        return dependsOn.stream().allMatch(d -> met(d, records.get(d)));
    }

    private boolean met(ResourceKey dependency, @Nullable ResourceRecord record) {
        if (record == null) {
            return false;
        }
        String attribute = needsOnly.get(dependency);
        return record.state() == ResourceState.READY
                || attribute != null
                        && record.physicalId() != null
                        && MADE.contains(record.state())
                        && record.attributes().containsKey(attribute);
    }
}
