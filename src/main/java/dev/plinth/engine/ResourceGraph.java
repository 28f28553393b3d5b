package dev.plinth.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * An environment as a directed acyclic graph of resources: the order of creation is the graph, and
 * teardown is the same graph walked backwards. Built once per spec; checked for unknown
 * dependencies and cycles when built.
 */
public final class ResourceGraph {

    private final Map<ResourceKey, ResourceNode> nodes;
    private final Map<ResourceKey, Set<ResourceKey>> dependents;
    private final List<ResourceNode> order;

    public ResourceGraph(List<ResourceNode> nodes) {
        var byKey = new LinkedHashMap<ResourceKey, ResourceNode>();
        for (ResourceNode node : nodes) {
            if (byKey.put(node.key(), node) != null) {
                throw new IllegalArgumentException("two resources have the key " + node.key());
            }
        }
        var reverse = new LinkedHashMap<ResourceKey, Set<ResourceKey>>();
        byKey.keySet().forEach(k -> reverse.put(k, new TreeSet<>()));
        for (ResourceNode node : byKey.values()) {
            for (ResourceKey dep : node.dependsOn()) {
                if (!byKey.containsKey(dep)) {
                    throw new IllegalArgumentException(node.key() + " depends on unknown resource " + dep);
                }
                reverse.computeIfAbsent(dep, k -> new TreeSet<>()).add(node.key());
            }
        }
        reverse.replaceAll((k, v) -> Collections.unmodifiableSet(v));
        this.nodes = Collections.unmodifiableMap(byKey);
        this.dependents = Collections.unmodifiableMap(reverse);
        this.order = topologicalOrder();
    }

    /** Every node, each after all it depends on. */
    public List<ResourceNode> nodes() {
        return order;
    }

    public ResourceNode node(ResourceKey key) {
        ResourceNode node = nodes.get(key);
        if (node == null) {
            throw new IllegalArgumentException("no resource " + key);
        }
        return node;
    }

    /** The resources that depend on {@code key} directly. */
    public Set<ResourceKey> dependentsOf(ResourceKey key) {
        return dependents.getOrDefault(key, Set.of());
    }

    public boolean contains(ResourceKey key) {
        return nodes.containsKey(key);
    }

    /**
     * This graph and the nodes of {@code retired} it does not have: the resources a spec change
     * removed, with what they depended on, so that they are deleted before what they need. A node of
     * this graph keeps its own dependencies, which no longer name the removed ones.
     */
    public ResourceGraph withRetired(ResourceGraph retired) {
        var all = new ArrayList<>(order);
        retired.nodes().stream().filter(n -> !contains(n.key())).forEach(all::add);
        return new ResourceGraph(all);
    }

    /** {@code keys} and everything that depends on them, directly or not. */
    public Set<ResourceKey> withDependents(Collection<ResourceKey> keys) {
        return closure(keys, this::dependentsOf);
    }

    /** {@code keys} and everything they depend on, directly or not. */
    public Set<ResourceKey> withDependencies(Collection<ResourceKey> keys) {
        return closure(keys, key -> node(key).dependsOn());
    }

    private static Set<ResourceKey> closure(
            Collection<ResourceKey> keys, Function<ResourceKey, Collection<ResourceKey>> neighbours) {
        var found = new TreeSet<ResourceKey>();
        var next = new ArrayDeque<ResourceKey>(keys);
        while (!next.isEmpty()) {
            ResourceKey key = next.poll();
            if (found.add(key)) {
                next.addAll(neighbours.apply(key));
            }
        }
        return Collections.unmodifiableSet(found);
    }

    public int size() {
        return nodes.size();
    }

    private List<ResourceNode> topologicalOrder() {
        var remaining = new LinkedHashMap<ResourceKey, Integer>();
        nodes.values().forEach(n -> remaining.put(n.key(), n.dependsOn().size()));
        var ready = new ArrayDeque<ResourceKey>();
        remaining.forEach((k, count) -> {
            if (count == 0) {
                ready.add(k);
            }
        });
        var sorted = new ArrayList<ResourceNode>(nodes.size());
        while (!ready.isEmpty()) {
            ResourceKey key = ready.poll();
            sorted.add(nodes.get(key));
            for (ResourceKey dependent : dependentsOf(key)) {
                if (remaining.merge(dependent, -1, Integer::sum) == 0) {
                    ready.add(dependent);
                }
            }
        }
        if (sorted.size() != nodes.size()) {
            var cyclic = new TreeSet<>(nodes.keySet());
            sorted.forEach(n -> cyclic.remove(n.key()));
            throw new IllegalArgumentException("the resources " + cyclic + " form a cycle or depend on one");
        }
        return Collections.unmodifiableList(sorted);
    }
}
