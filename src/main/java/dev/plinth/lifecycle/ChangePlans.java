package dev.plinth.lifecycle;

import dev.plinth.cost.CostEstimator;
import dev.plinth.engine.GraphPlanner;
import dev.plinth.engine.HandlerRegistry;
import dev.plinth.engine.ResourceDesired;
import dev.plinth.engine.ResourceGraph;
import dev.plinth.engine.ResourceKey;
import dev.plinth.engine.ResourceNode;
import dev.plinth.engine.Tags;
import dev.plinth.environment.Environment;
import dev.plinth.spec.EnvironmentSpec;
import dev.plinth.spec.SpecValidator;
import dev.plinth.spec.Violation;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Plans: the graph of the proposed spec against the graph of the current one, node by node. A node
 * whose desired state differs is changed in place when its kind can be, else replaced; a node whose
 * change gives it a new id (a task definition's new revision, anything replaced) changes what refers
 * to it too. When the change needs replacement ({@code replacement-required}), everything it changes
 * is replaced: that is what building it anew means. No AWS call is made.
 */
@Component
public class ChangePlans {

    private final GraphPlanner planner;
    private final HandlerRegistry handlers;
    private final SpecValidator validator;
    private final ChangeRules rules;
    private final CostEstimator costs;

    ChangePlans(
            GraphPlanner planner,
            HandlerRegistry handlers,
            SpecValidator validator,
            ChangeRules rules,
            CostEstimator costs) {
        this.planner = planner;
        this.handlers = handlers;
        this.validator = validator;
        this.rules = rules;
        this.costs = costs;
    }

    /**
     * The plan for changing {@code env} to {@code proposed}.
     *
     * @param replace the fields whose change the caller accepts replacing resources for, or null
     */
    public Plan forChange(Environment env, EnvironmentSpec proposed, @Nullable List<String> replace) {
        EnvironmentSpec changed = validator.valid(proposed);
        ResourceGraph before = planner.plan(env);
        ResourceGraph after = planner.plan(env.withSpec(changed));
        List<String> fields = rules.changedFields(env, changed);
        return plan(
                before,
                after,
                ChangeRules.refusals(fields, env.spec(), changed, replace),
                changed,
                ChangeRules.replacing(fields),
                tagChanges(env.spec().tags(), changed.tags()));
    }

    /** The plan for a new environment, in the zones {@code zones} gives for its spec: everything is created. */
    public Plan forNew(EnvironmentSpec proposed, Function<EnvironmentSpec, List<String>> zones) {
        EnvironmentSpec spec = validator.valid(proposed);
        Environment env = Environment.accept("planned", null, spec, zones.apply(spec), null, "plan", Instant.EPOCH);
        return plan(new ResourceGraph(List.of()), planner.plan(env), List.of(), spec, false, List.of());
    }

    /** The changes of the spec's tags, which every resource that takes tags carries: {@code tags.<key>}. */
    private static List<Plan.Change> tagChanges(Map<String, String> before, Map<String, String> after) {
        return Tags.differences(after, before).stream()
                .map(d -> new Plan.Change(d.attribute(), d.actual(), d.expected()))
                .toList();
    }

    /**
     * @param rebuilt the change needs replacement: what it changes is replaced, not changed in place
     * @param tags    the changes of the spec's tags
     */
    private Plan plan(
            ResourceGraph before,
            ResourceGraph after,
            List<Violation> refused,
            EnvironmentSpec spec,
            boolean rebuilt,
            List<Plan.Change> tags) {
        Map<ResourceKey, ResourceNode> old =
                before.nodes().stream().collect(Collectors.toMap(ResourceNode::key, Function.identity()));
        Items items = new Items(rebuilt, tags);
        after.nodes().forEach(node -> items.add(node, old.get(node.key()))); // in dependency order
        Set<ResourceKey> kept = after.nodes().stream().map(ResourceNode::key).collect(Collectors.toSet());
        List<Plan.Item> delete = before.nodes().reversed().stream()
                .filter(n -> !kept.contains(n.key()))
                .map(n -> item(n, List.of()))
                .toList();
        Map<String, Long> kinds = after.nodes().stream()
                .collect(Collectors.groupingBy(n -> handlers.kindOf(n).name(), Collectors.counting()));
        return new Plan(
                items.create,
                items.update,
                items.replace,
                delete,
                items.unchanged,
                refused,
                costs.estimate(spec, kinds));
    }

    /**
     * The nodes of the new graph as a plan sorts them, taken in dependency order, so that what a node
     * refers to is sorted before it.
     */
    private final class Items {
        private final boolean rebuilt;
        private final List<Plan.Change> tags;
        final List<Plan.Item> create = new ArrayList<>();
        final List<Plan.Item> update = new ArrayList<>();
        final List<Plan.Item> replace = new ArrayList<>();
        /** The nodes the change gives a new id: what refers to them changes too. */
        private final Set<ResourceKey> newIds = new HashSet<>();

        int unchanged;

        Items(boolean rebuilt, List<Plan.Change> tags) {
            this.rebuilt = rebuilt;
            this.tags = tags;
        }

        /** @param was the node in the current graph; null for a new one */
        void add(ResourceNode node, @Nullable ResourceNode was) {
            if (was == null) {
                create.add(item(node, List.of()));
                return;
            }
            List<Plan.Change> changes = new ArrayList<>(changes(was.desired(), node.desired()));
            node.dependsOn().stream()
                    .filter(newIds::contains)
                    .forEach(dependency ->
                            changes.add(new Plan.Change(dependency.value(), "the current one", "a new one")));
            boolean retagOnly = changes.isEmpty();
            if (handlers.takesTags(node)) {
                changes.addAll(tags);
            }
            if (changes.isEmpty()) {
                unchanged++;
            } else if (retagOnly || !rebuilt && handlers.updatesInPlace(node)) {
                update.add(item(node, changes));
                if (!retagOnly && handlers.updateMakesNewId(node)) {
                    newIds.add(node.key());
                }
            } else {
                replace.add(item(node, changes));
                newIds.add(node.key());
            }
        }
    }

    private Plan.Item item(ResourceNode node, List<Plan.Change> changes) {
        return new Plan.Item(node.key().value(), handlers.kindOf(node).name(), changes);
    }

    /** The record components of two desired states of one node that differ. */
    private static List<Plan.Change> changes(ResourceDesired before, ResourceDesired after) {
        if (before.equals(after)) {
            return List.of();
        }
        List<Plan.Change> changes = new ArrayList<>();
        for (RecordComponent component : after.getClass().getRecordComponents()) {
            Object from = read(component, before);
            Object to = read(component, after);
            if (!Objects.equals(from, to)) {
                changes.add(new Plan.Change(component.getName(), String.valueOf(from), String.valueOf(to)));
            }
        }
        return changes;
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            component.getAccessor().setAccessible(true);
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component.getName(), e);
        }
    }
}
