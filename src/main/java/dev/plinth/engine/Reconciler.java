package dev.plinth.engine;

import static dev.plinth.engine.ResourceState.DELETING;
import static dev.plinth.engine.ResourceState.FAILED;
import static dev.plinth.engine.ResourceState.READY;
import static dev.plinth.engine.ResourceState.REPLACING;
import static dev.plinth.engine.Rounds.stateOf;

import dev.plinth.environment.Environment;
import dev.plinth.environment.EnvironmentRepository;
import dev.plinth.environment.Failure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * The level-triggered reconcile loop, a dispatcher. Each pass reads the environment and its resource
 * records, picks from the graph the resources whose turn it is, and has them take their next step in
 * parallel ({@link Rounds}): {@link ProvisionSteps} towards the spec, {@link TeardownSteps} out of AWS.
 * The steps record what they learn through the {@link ResourceJournal}, before and after every AWS
 * call; {@link EnvironmentOutcomes} ends the environment; {@link DriftPass} looks at a READY one.
 *
 * <p>Provisioning, resuming after a crash and teardown are all this loop: a resource whose
 * dependencies are READY is observed and created if absent; a resource whose dependents are gone is
 * deleted. A resource that is not ready yet is looked at again later; no thread waits for it. The caller
 * (the scheduler) guarantees that one environment is reconciled by one thread at a time.
 */
@Component
public class Reconciler {

    /** What the scheduler should do with the environment after an execution. */
    public sealed interface Outcome {
        /** Nothing more to do until something changes the environment. */
        record Done() implements Outcome {}

        /** Run again after this long. */
        record Again(Duration after) implements Outcome {}
    }

    private final EnvironmentRepository environments;
    private final ResourceJournal journal;
    private final GraphPlanner planner;
    private final Rounds rounds;
    private final ProvisionSteps provisioning;
    private final TeardownSteps teardown;
    private final EnvironmentOutcomes outcomes;
    private final DriftPass drift;
    private final EngineProperties properties;
    private final Clock clock;

    Reconciler(
            EnvironmentRepository environments,
            ResourceJournal journal,
            GraphPlanner planner,
            Rounds rounds,
            ProvisionSteps provisioning,
            TeardownSteps teardown,
            EnvironmentOutcomes outcomes,
            DriftPass drift,
            EngineProperties properties,
            Clock clock) {
        this.environments = environments;
        this.journal = journal;
        this.planner = planner;
        this.rounds = rounds;
        this.provisioning = provisioning;
        this.teardown = teardown;
        this.outcomes = outcomes;
        this.drift = drift;
        this.properties = properties;
        this.clock = clock;
    }

    /** Works on one environment until it has to wait, is done, or has used its time budget. */
    public Outcome reconcile(String environmentId) {
        Instant budgetEnd = clock.instant().plus(properties.executionBudget());
        while (true) {
            Optional<Environment> found = environments.findById(environmentId);
            if (found.isEmpty()) {
                return new Outcome.Done();
            }
            Environment env = found.get();
            Pass pass = switch (env.status()) {
                case PENDING -> outcomes.start(env);
                case PROVISIONING -> provision(env);
                case DELETING -> teardown(env);
                case READY -> drift.check(env);
                case FAILED, DELETED, DELETE_FAILED -> Pass.FINISHED;
            };
            switch (pass) {
                case Pass.Finished f -> {
                    return new Outcome.Done();
                }
                case Pass.WaitUntil w -> {
                    Duration wait = Duration.between(clock.instant(), w.at());
                    return new Outcome.Again(wait.isNegative() ? Duration.ZERO : wait);
                }
                case Pass.Continue c -> {
                    if (clock.instant().isAfter(budgetEnd)) {
                        return new Outcome.Again(Duration.ZERO);
                    }
                }
            }
        }
    }

    /**
     * A failure recorded by a pass that did not get to save the environment fails it; what a change
     * replaces goes first (the new ones may need the old ones' names, addresses or places); then every
     * resource whose dependencies are READY takes its step; once all are READY, what a change removed
     * goes (what used it has moved off it by now), and the environment is READY.
     */
    private Pass provision(Environment env) {
        ResourceGraph graph = planner.plan(env);
        Map<ResourceKey, ResourceRecord> records = journal.records(env.id());
        Optional<ResourceRecord> failed = graph.nodes().stream()
                .map(n -> records.get(n.key()))
                .filter(r -> r != null && r.state() == FAILED)
                .findFirst();
        if (failed.isPresent()) {
            ResourceRecord r = failed.get();
            return outcomes.failed(
                    env,
                    new Failure(r.key().value(), "StepFailed", Objects.requireNonNullElse(r.lastError(), "failed")));
        }
        // while provisioning, only a replacement deletes a resource of the graph
        Predicate<ResourceKey> replaced =
                k -> graph.contains(k) && (stateOf(records, k) == REPLACING || stateOf(records, k) == DELETING);
        if (graph.nodes().stream().anyMatch(n -> replaced.test(n.key()))) {
            return deleteSome(env, planner.plan(env.retired()), replaced, records);
        }
        if (graph.nodes().stream().allMatch(n -> stateOf(records, n.key()) == READY)) {
            ResourceGraph all = planner.planWithRetired(env);
            Predicate<ResourceKey> removed =
                    k -> !graph.contains(k) && stateOf(records, k).isLive();
            if (all.nodes().stream().anyMatch(n -> removed.test(n.key()))) {
                return deleteSome(env, all, removed, records);
            }
            return outcomes.ready(env, graph.size());
        }
        Predicate<ResourceNode> actionable = n -> stateOf(records, n.key()) != READY && n.canStart(records);
        return rounds.run(
                env,
                graph.nodes(),
                actionable,
                records,
                n -> provisioning.step(env, n, records.get(n.key()), records),
                failure -> outcomes.failed(env, failure));
    }

    /**
     * Deletes the resources {@code doomed} picks during provisioning (those a change removed, or
     * replaces), dependents first as {@code order} has them, each as the spec it was made from
     * describes it. A failure stops provisioning: FAILED, and a retry carries on from here. "In use"
     * errors may last while AWS lets go of what the change moved off the resource: waited out as in
     * teardown.
     */
    private Pass deleteSome(
            Environment env,
            ResourceGraph order,
            Predicate<ResourceKey> doomed,
            Map<ResourceKey, ResourceRecord> records) {
        Environment old = env.retired();
        Predicate<ResourceNode> actionable = n ->
                doomed.test(n.key()) && order.dependentsOf(n.key()).stream().noneMatch(doomed);
        return rounds.run(
                env,
                order.nodes().reversed(),
                actionable,
                records,
                n -> teardown.delete(old, n, recordOf(records, n), records),
                failure -> outcomes.failed(env, failure));
    }

    /**
     * Dependents first, until nothing is live. What is retained is kept at once; its dependencies are
     * retained too, so it never waits for a deletion.
     */
    private Pass teardown(Environment env) {
        ResourceGraph graph = planner.planWithRetired(env);
        Map<ResourceKey, ResourceRecord> records = journal.records(env.id());
        Set<ResourceKey> retained = graph.withDependencies(planner.retainedOnTeardown(env));
        Predicate<ResourceKey> live = k -> stateOf(records, k).isLive();
        if (graph.nodes().stream().noneMatch(n -> live.test(n.key()))) {
            return outcomes.deleted(env, retained.size());
        }
        Predicate<ResourceNode> actionable = n -> live.test(n.key())
                && (retained.contains(n.key())
                        || graph.dependentsOf(n.key()).stream().noneMatch(live));
        return rounds.run(
                env,
                graph.nodes().reversed(),
                actionable,
                records,
                n -> retained.contains(n.key())
                        ? teardown.retain(env, n, recordOf(records, n), records)
                        : teardown.delete(env, n, recordOf(records, n), records),
                failure -> outcomes.deleteFailed(env, failure));
    }

    /** The record of a resource a pass deletes or keeps: one that is live has one. */
    private static ResourceRecord recordOf(Map<ResourceKey, ResourceRecord> records, ResourceNode node) {
        return Objects.requireNonNull(records.get(node.key()), () -> "no record of live resource " + node.key());
    }
}
