package dev.plinth.engine;

import java.util.Set;

/**
 * One resource in an environment's graph.
 *
 * @param dependsOn the resources that must be READY before this one is created, and that are
 *                  deleted only after this one is gone
 */
public record ResourceNode(ResourceKey key, Layer layer, ResourceDesired desired, Set<ResourceKey> dependsOn) {

    public ResourceNode {
        dependsOn = Set.copyOf(dependsOn);
    }
}
