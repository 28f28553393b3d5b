package dev.plinth.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.plinth.engine.DriftRepository;
import dev.plinth.engine.GraphPlanner;
import dev.plinth.engine.HandlerRegistry;
import dev.plinth.engine.Layer;
import dev.plinth.engine.ResourceGraph;
import dev.plinth.engine.ResourceKey;
import dev.plinth.engine.ResourceNode;
import dev.plinth.engine.ResourceRecord;
import dev.plinth.engine.ResourceRepository;
import dev.plinth.engine.ResourceState;
import dev.plinth.environment.Environment;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Builds the views of an environment from its graph and the engine's resource records. */
@Component
class EnvironmentViews {

    private final GraphPlanner planner;
    private final ResourceRepository resources;
    private final HandlerRegistry handlers;
    private final DriftRepository drifts;

    /** The view last built of each environment, with its ETag: built again only when that changed. */
    private final Cache<String, Tagged> built;

    private record Tagged(String etag, EnvironmentView view) {}

    EnvironmentViews(
            GraphPlanner planner,
            ResourceRepository resources,
            HandlerRegistry handlers,
            DriftRepository drifts,
            @Value("${plinth.api.views-kept}") int viewsKept) {
        this.planner = planner;
        this.resources = resources;
        this.handlers = handlers;
        this.drifts = drifts;
        this.built = Caffeine.newBuilder().maximumSize(viewsKept).build();
    }

    /**
     * The view whose ETag ({@code ViewVersion#etag}) is {@code etag}: the one built last if it has that
     * tag (nothing it shows changed since), else built now and kept.
     */
    EnvironmentView view(Environment env, String etag) {
        Tagged kept = built.getIfPresent(env.id());
        if (kept != null && kept.etag().equals(etag)) {
            return kept.view();
        }
        EnvironmentView view = view(env);
        built.put(env.id(), new Tagged(etag, view));
        return view;
    }

    EnvironmentView view(Environment env) {
        ResourceGraph graph = planner.planWithRetired(env);
        Map<ResourceKey, ResourceRecord> records = resources.byKey(env.id());
        return new EnvironmentView(
                env.id(),
                env.name(),
                env.team(),
                env.region(),
                env.status(),
                env.failure(),
                env.spec(),
                env.availabilityZones(),
                progress(graph, records),
                planner.outputs(env, records),
                drifts.report(env.id()).orElse(null),
                env.createdAt(),
                env.updatedAt());
    }

    List<ResourceView> resources(Environment env) {
        ResourceGraph graph = planner.planWithRetired(env);
        Map<ResourceKey, ResourceRecord> records = resources.byKey(env.id());
        var out = new ArrayList<ResourceView>();
        for (ResourceNode node : graph.nodes()) {
            ResourceRecord r = records.get(node.key());
            List<String> dependsOn =
                    node.dependsOn().stream().map(ResourceKey::value).sorted().toList();
            Map<String, String> needsOnly = new TreeMap<>();
            node.needsOnly().forEach((k, attribute) -> needsOnly.put(k.value(), attribute));
            out.add(
                    r == null
                            ? new ResourceView(
                                    node.key().value(),
                                    handlers.kindOf(node).name(),
                                    node.layer(),
                                    dependsOn,
                                    needsOnly,
                                    ResourceState.PLANNED,
                                    null,
                                    0,
                                    null,
                                    null,
                                    null,
                                    null)
                            : new ResourceView(
                                    node.key().value(),
                                    r.kind(),
                                    node.layer(),
                                    dependsOn,
                                    needsOnly,
                                    r.state(),
                                    r.physicalId(),
                                    r.attempts(),
                                    r.lastError(),
                                    r.waitingFor(),
                                    r.createdAt(),
                                    r.updatedAt()));
        }
        return out;
    }

    private static List<EnvironmentView.LayerProgress> progress(
            ResourceGraph graph, Map<ResourceKey, ResourceRecord> records) {
        var counts = new EnumMap<Layer, int[]>(Layer.class);
        for (ResourceNode node : graph.nodes()) {
            ResourceRecord r = records.get(node.key());
            ResourceState state = r == null ? ResourceState.PLANNED : r.state();
            int[] c = counts.computeIfAbsent(node.layer(), l -> new int[7]);
            c[0]++;
            switch (state) {
                case PLANNED -> c[1]++;
                case CREATING, WAITING, CHECKING, UPDATING, REPLACING, DELETING -> c[2]++;
                case READY -> c[3]++;
                case FAILED -> c[4]++;
                case DELETED -> c[5]++;
                case RETAINED -> c[6]++;
            }
        }
        return counts.entrySet().stream()
                .map(e -> new EnvironmentView.LayerProgress(
                        e.getKey(),
                        e.getValue()[0],
                        e.getValue()[1],
                        e.getValue()[2],
                        e.getValue()[3],
                        e.getValue()[4],
                        e.getValue()[5],
                        e.getValue()[6]))
                .toList();
    }
}
