package dev.plinth.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The nodes of one layer of the graph, in the order a layer's {@code nodes(spec, zones)} adds them:
 * each with its key, its desired record and the keys it depends on.
 */
public class LayerNodes {

    private final Layer layer;
    private final List<ResourceNode> nodes = new ArrayList<>();

    public LayerNodes(Layer layer) {
        this.layer = layer;
    }

    public final void add(ResourceKey key, ResourceDesired desired, ResourceKey... dependsOn) {
        add(key, desired, List.of(dependsOn));
    }

    public final void add(ResourceKey key, ResourceDesired desired, Collection<ResourceKey> dependsOn) {
        nodes.add(new ResourceNode(key, layer, desired, Set.copyOf(dependsOn)));
    }

    /**
     * A node that needs some of what it depends on only for an attribute they publish before they are
     * ready ({@link ResourceNode#needsOnly}).
     */
    public final void add(
            ResourceKey key,
            ResourceDesired desired,
            Collection<ResourceKey> dependsOn,
            Map<ResourceKey, String> needsOnly) {
        nodes.add(new ResourceNode(key, layer, desired, Set.copyOf(dependsOn), needsOnly));
    }

    public final List<ResourceNode> list() {
        return List.copyOf(nodes);
    }
}
