package dev.plinth.engine;

import static dev.plinth.engine.ResourceState.CHECKING;
import static dev.plinth.engine.ResourceState.DELETED;
import static dev.plinth.engine.ResourceState.DELETING;
import static dev.plinth.engine.ResourceState.FAILED;
import static dev.plinth.engine.ResourceState.PLANNED;
import static dev.plinth.engine.ResourceState.READY;
import static dev.plinth.engine.ResourceState.REPLACING;
import static dev.plinth.engine.ResourceState.RETAINED;
import static dev.plinth.engine.ResourceState.UPDATING;
import static dev.plinth.engine.ResourceState.WAITING;

import dev.plinth.environment.DriftPolicy;
import dev.plinth.environment.Environment;
import dev.plinth.environment.EnvironmentRepository;
import dev.plinth.environment.EnvironmentStatus;
import dev.plinth.environment.EventLog;
import dev.plinth.environment.EventType;
import dev.plinth.environment.Failure;
import dev.plinth.support.Durations;
import dev.plinth.support.SqlTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The level-triggered reconcile loop. Each pass reads the environment and its resource records,
 * acts on every resource whose turn it is (in parallel), and saves what it learned before and after
 * every AWS call. Provisioning, resuming after a crash and teardown are all this loop: a resource
 * whose dependencies are READY is observed and created if absent; a resource whose dependents are
 * gone is deleted. A resource that is not ready yet is looked at again later; no thread waits for it.
 * A READY environment is looked at when a drift check was asked for.
 *
 * <p>The caller (the scheduler) guarantees that one environment is reconciled by one thread at a time.
 */
@Component
public class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    /** What the scheduler should do with the environment after an execution. */
    public sealed interface Outcome {
        /** Nothing more to do until something changes the environment. */
        record Done() implements Outcome {}

        /** Run again after this long. */
        record Again(Duration after) implements Outcome {}
    }

    private sealed interface Pass {
        record Continue() implements Pass {}

        record WaitUntil(Instant at) implements Pass {}

        record Finished() implements Pass {}
    }

    private record StepResult(boolean changed, Failure failure) {
        static final StepResult CHANGED = new StepResult(true, null);
        static final StepResult UNCHANGED = new StepResult(false, null);

        static StepResult failed(Failure failure) {
            return new StepResult(true, failure);
        }
    }

    /** The failure code of a delete whose blocker did not go by the deadline. */
    private static final String DELETE_BLOCKED = "DeleteBlocked";

    private static final Pass CONTINUE = new Pass.Continue();
    private static final Pass FINISHED = new Pass.Finished();

    private final EnvironmentRepository environments;
    private final ResourceRepository resources;
    private final EventLog events;
    private final GraphPlanner planner;
    private final HandlerRegistry handlers;
    private final ErrorClassifier errors;
    private final EngineProperties properties;
    private final ExecutorService steps;
    private final DriftRepository drifts;
    private final DriftCheck driftCheck;
    private final EngineMetrics metrics;
    private final Clock clock;

    Reconciler(
            EnvironmentRepository environments,
            ResourceRepository resources,
            EventLog events,
            GraphPlanner planner,
            HandlerRegistry handlers,
            ErrorClassifier errors,
            EngineProperties properties,
            @Qualifier("stepExecutor") ExecutorService steps,
            DriftRepository drifts,
            DriftCheck driftCheck,
            EngineMetrics metrics,
            Clock clock) {
        this.environments = environments;
        this.resources = resources;
        this.events = events;
        this.planner = planner;
        this.handlers = handlers;
        this.errors = errors;
        this.properties = properties;
        this.steps = steps;
        this.drifts = drifts;
        this.driftCheck = driftCheck;
        this.metrics = metrics;
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
                case PENDING -> start(env);
                case PROVISIONING -> provision(env);
                case DELETING -> teardown(env);
                case READY -> check(env);
                case FAILED, DELETED, DELETE_FAILED -> FINISHED;
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

    private Pass start(Environment env) {
        if (environments.save(env.startProvisioning(now())).isPresent()) {
            events.append(
                    env.id(),
                    EventType.PROVISIONING_STARTED,
                    "provisioning " + env.name() + " in " + env.region() + " over " + env.availabilityZones());
        }
        return CONTINUE;
    }

    // ---- provisioning -------------------------------------------------------------------------

    private Pass provision(Environment env) {
        ResourceGraph graph = planner.plan(env);
        Map<ResourceKey, ResourceRecord> records = resources.byKey(env.id());
        Optional<ResourceRecord> failed = graph.nodes().stream()
                .map(n -> records.get(n.key()))
                .filter(r -> r != null && r.state() == FAILED)
                .findFirst();
        if (failed.isPresent()) {
            // a failure recorded by a pass that did not get to save the environment
            ResourceRecord r = failed.get();
            return fail(env, new Failure(r.key().value(), "StepFailed", r.lastError()));
        }
        Predicate<ResourceKey> replaced = k -> graph.contains(k) && isBeingReplaced(records, k);
        if (graph.nodes().stream().anyMatch(n -> replaced.test(n.key()))) {
            // the old ones go first: the new ones may need their names, addresses or places
            return deleteSome(env, planner.plan(env.retired()), replaced, records);
        }
        if (graph.nodes().stream().allMatch(n -> stateOf(records, n.key()) == READY)) {
            ResourceGraph all = planner.planWithRetired(env);
            Predicate<ResourceKey> removed = k -> !graph.contains(k) && isLive(records, k);
            if (all.nodes().stream().anyMatch(n -> removed.test(n.key()))) {
                // what used them has moved off them by now
                return deleteSome(env, all, removed, records);
            }
            if (environments.save(env.ready(now())).isPresent()) {
                metrics.environmentFinished(env, EnvironmentStatus.READY, now());
                // every resource was just seen as the spec says: no drift, and no check is needed
                drifts.save(env.id(), true, now(), List.of());
                events.append(
                        env.id(),
                        EventType.READY,
                        null,
                        null,
                        "all " + graph.size() + " resources are ready",
                        Duration.between(env.createdAt(), now()));
                log.info("environment {} ({}) is READY", env.id(), env.name());
                return FINISHED;
            }
            return CONTINUE;
        }
        Predicate<ResourceNode> actionable = n -> stateOf(records, n.key()) != READY
                && n.dependsOn().stream().allMatch(d -> stateOf(records, d) == READY);
        return round(
                env,
                graph.nodes(),
                actionable,
                records,
                n -> provisionStep(env, n, records.get(n.key()), records),
                failure -> fail(env, failure));
    }

    private StepResult provisionStep(
            Environment env, ResourceNode node, ResourceRecord record, Map<ResourceKey, ResourceRecord> records) {
        ResourceHandler<ResourceDesired> handler = handlers.handlerFor(node.desired());
        ResourceContext context = ResourceContext.of(env, node, record == null ? null : record.physicalId(), records);
        Instant now = now();
        try {
            Optional<Observation> seen = record == null ? Optional.empty() : handler.observe(context, node.desired());
            if (seen.isPresent()) {
                return converge(env, node, handler, context, record, seen.get());
            }
            if (record != null
                    && record.physicalId() != null
                    && record.state() != DELETED
                    && now.isBefore(record.updatedAt().plus(properties.createConsistencyGrace()))) {
                // NOTE: describe calls are eventually consistent: a resource created a moment ago may not be listed yet
                // (one a change deleted, and the next change brings back, is simply created again)
                resources.checkAgainAt(env.id(), node.key(), now.plus(properties.retryBaseDelay()));
                return StepResult.UNCHANGED;
            }
            return create(env, node, handler, context, record);
        } catch (RuntimeException e) {
            return provisionFailed(env, node, handler.kind(), record, e);
        }
    }

    private StepResult create(
            Environment env,
            ResourceNode node,
            ResourceHandler<ResourceDesired> handler,
            ResourceContext context,
            ResourceRecord record) {
        Instant now = now();
        String why;
        if (record == null) {
            resources.insertCreating(env.id(), node.key(), handler.kind(), now);
            why = "creating";
        } else {
            resources.markCreating(env.id(), node.key(), now);
            why = record.physicalId() == null
                    ? "creating (attempt " + (record.attempts() + 1) + "; no earlier attempt left anything behind)"
                    : "creating again: " + record.physicalId() + " is gone";
        }
        events.append(env.id(), EventType.CREATE_STARTED, node.key().value(), handler.kind(), why, null);
        String id = handler.create(context, node.desired());
        resources.markExists(env.id(), node.key(), id, now());
        return StepResult.CHANGED;
    }

    /**
     * Takes a resource observe found a step further. Every update call is preceded by UPDATE_STARTED
     * with the differences. One being created ends with CREATE_FINISHED, updates right after its create
     * included. One looked at again after a change or for a repair ({@code CHECKING}) is READY again
     * without an event when it is as the spec says; one updated then ends with UPDATE_FINISHED.
     */
    private StepResult converge(
            Environment env,
            ResourceNode node,
            ResourceHandler<ResourceDesired> handler,
            ResourceContext context,
            ResourceRecord record,
            Observation seen) {
        Instant now = now();
        boolean adopted = adopt(env, node, handler, record, seen, now);
        ResourceState state = adopted ? WAITING : record.state();
        if (!seen.attributes().isEmpty() && !seen.attributes().equals(record.attributes())) {
            // outputs show what exists, not only what is ready: a client can look at a service that will not start
            resources.recordAttributes(env.id(), node.key(), seen.attributes());
        }
        if (!seen.differences().isEmpty()) {
            if (state == CHECKING) {
                // recorded before the call: after a crash in between, the update is made again and still finishes
                resources.markUpdating(env.id(), node.key(), now);
            }
            events.append(
                    env.id(),
                    EventType.UPDATE_STARTED,
                    node.key().value(),
                    handler.kind(),
                    "changing " + seen.physicalId() + ": " + seen.differences(),
                    null);
            handler.update(context.withPhysicalId(seen.physicalId()), node.desired(), seen);
            return StepResult.CHANGED;
        }
        return switch (seen.readiness()) {
            case Readiness.Ready r -> {
                resources.markReady(env.id(), node.key(), seen.attributes(), now);
                if (state == UPDATING) {
                    Duration took = Duration.between(record.waitingSince(), now);
                    metrics.resourceUpdated(handler.kind(), took);
                    events.append(
                            env.id(),
                            EventType.UPDATE_FINISHED,
                            node.key().value(),
                            handler.kind(),
                            seen.physicalId() + " is ready",
                            took);
                } else if (state != CHECKING) {
                    Duration took = Duration.between(record.createdAt(), now);
                    metrics.resourceCreated(handler.kind(), took);
                    events.append(
                            env.id(),
                            EventType.CREATE_FINISHED,
                            node.key().value(),
                            handler.kind(),
                            seen.physicalId() + " is ready",
                            took);
                }
                yield StepResult.CHANGED;
            }
            case Readiness.Pending p -> {
                Duration timeout = properties.readinessTimeoutOf(handler.kind());
                Instant since = adopted || record.waitingSince() == null ? now : record.waitingSince();
                if (now.isAfter(since.plus(timeout))) {
                    String reason = handler.kind() + " " + seen.physicalId() + " not ready within "
                            + Durations.human(timeout) + ", still waiting for " + p.detail();
                    resources.markFailed(env.id(), node.key(), reason, now);
                    events.append(env.id(), failedEventOf(state), node.key().value(), handler.kind(), reason, null);
                    yield StepResult.failed(new Failure(node.key().value(), "ReadinessTimeout", reason));
                }
                waitFor(env, node, handler.kind(), record, p, now);
                yield adopted ? StepResult.CHANGED : StepResult.UNCHANGED;
            }
            case Readiness.Failed f -> {
                resources.markFailed(env.id(), node.key(), f.reason(), now);
                events.append(env.id(), failedEventOf(state), node.key().value(), handler.kind(), f.reason(), null);
                yield StepResult.failed(new Failure(node.key().value(), "ResourceFailed", f.reason()));
            }
        };
    }

    /**
     * Records the id observe found when it is not the recorded one, and says whether that is an
     * adoption: the record had no id (the create's answer was lost), or the recorded resource is gone
     * and this one was found by its tags or name. For a kind whose updates make new ids (a task
     * definition's revisions), a new id is the same resource, found as the engine's update left it.
     */
    private boolean adopt(
            Environment env,
            ResourceNode node,
            ResourceHandler<ResourceDesired> handler,
            ResourceRecord record,
            Observation seen,
            Instant now) {
        if (seen.physicalId().equals(record.physicalId())) {
            return false;
        }
        if (record.physicalId() != null && handler.updateMakesNewId()) {
            resources.recordNewId(env.id(), node.key(), seen.physicalId());
            return false;
        }
        resources.markExists(env.id(), node.key(), seen.physicalId(), now);
        events.append(
                env.id(),
                EventType.ADOPTED,
                node.key().value(),
                handler.kind(),
                record.physicalId() == null
                        ? "found " + seen.physicalId()
                                + ", made by an attempt that was interrupted before its id was saved"
                        : "found " + seen.physicalId() + " in place of " + record.physicalId() + ", which is gone",
                null);
        return true;
    }

    /** The event of a resource that failed: an update's if it was ready before the change, else a create's. */
    private static EventType failedEventOf(ResourceState state) {
        return state == CHECKING || state == UPDATING ? EventType.UPDATE_FAILED : EventType.CREATE_FAILED;
    }

    private StepResult provisionFailed(
            Environment env, ResourceNode node, String kind, ResourceRecord record, RuntimeException e) {
        StepError error = errors.classify(e);
        int attempts = (record == null ? 0 : record.attempts()) + 1;
        Instant now = now();
        // a NotFound here is AWS not yet showing what was just made (or what it needs): waited out, never "gone"
        if (error.kind() != StepError.Kind.TERMINAL && error.retry().allowsAnother(attempts)) {
            Duration delay = error.retry().delayAfter(attempts);
            resources.retryAt(env.id(), node.key(), attempts, error.describe(), now.plus(delay));
            events.append(
                    env.id(),
                    EventType.RETRY_SCHEDULED,
                    node.key().value(),
                    kind,
                    error.describe() + " ("
                            + error.retry().rule() + ": attempt " + attempts + " of "
                            + error.retry().maxAttempts() + "; next in "
                            + Durations.human(delay) + ")",
                    null);
            return StepResult.UNCHANGED;
        }
        String text = error.kind() == StepError.Kind.TERMINAL
                ? error.describe()
                : error.describe() + " (gave up after " + attempts + " attempts)";
        resources.markFailed(env.id(), node.key(), text, now);
        events.append(
                env.id(),
                failedEventOf(record == null ? PLANNED : record.state()),
                node.key().value(),
                kind,
                text,
                null);
        return StepResult.failed(new Failure(node.key().value(), error.code(), error.message()));
    }

    private Pass fail(Environment env, Failure failure) {
        if (environments.save(env.failed(failure, now())).isPresent()) {
            metrics.environmentFinished(env, EnvironmentStatus.FAILED, now());
            events.append(
                    env.id(),
                    EventType.FAILED,
                    failure.step(),
                    null,
                    "stopped at " + failure.step() + ": " + failure.code() + ": " + failure.message(),
                    null);
            log.warn(
                    "environment {} ({}) FAILED at {}: {}: {}",
                    env.id(),
                    env.name(),
                    failure.step(),
                    failure.code(),
                    failure.message());
            return FINISHED;
        }
        return CONTINUE;
    }

    /**
     * Deletes the resources {@code doomed} picks during provisioning (those a change removed, or
     * replaces), dependents first as {@code order} has them, each as the spec it was made from
     * describes it. A failure stops provisioning: FAILED, and a retry carries on from here.
     */
    private Pass deleteSome(
            Environment env,
            ResourceGraph order,
            Predicate<ResourceKey> doomed,
            Map<ResourceKey, ResourceRecord> records) {
        Environment old = env.retired();
        Predicate<ResourceNode> actionable = n ->
                doomed.test(n.key()) && order.dependentsOf(n.key()).stream().noneMatch(doomed);
        // "in use" errors may last while AWS lets go of what the change moved off the resource: waited out as in
        // teardown
        return round(
                env,
                order.nodes().reversed(),
                actionable,
                records,
                n -> teardownStep(old, n, records.get(n.key()), records),
                failure -> fail(env, failure));
    }

    // ---- drift --------------------------------------------------------------------------------

    /**
     * Makes the check asked for, if any: records what differs from the spec, and under the
     * {@code repair} policy (or when the request asks for it) provisions again to change it back. Only
     * the drifted resources and what depends on them are looked at again: one that was gone has a new
     * id, which its dependents must pick up.
     */
    private Pass check(Environment env) {
        Optional<DriftRepository.Request> request = drifts.pending(env.id());
        if (request.isEmpty()) {
            return FINISHED;
        }
        ResourceGraph graph = planner.plan(env);
        DriftCheck.Result result = driftCheck.observe(env, graph, resources.byKey(env.id()));
        Optional<Environment> after = environments.findById(env.id());
        if (after.isEmpty() || after.get().version() != env.version()) {
            return CONTINUE; // changed while it was looked at: what was seen belongs to a spec no longer current
        }
        boolean repair = request.get().repair() || env.spec().driftPolicy() == DriftPolicy.REPAIR;
        List<Drift> found = driftCheck.record(env, repair, result);
        if (!found.isEmpty() && repair && environments.save(env.repair(now())).isPresent()) {
            metrics.repairStarted(found);
            // one seen gone is gone: created again at once, without the grace a resource just created gets
            found.stream()
                    .filter(d -> d.attribute().equals(Drift.EXISTS))
                    .forEach(d -> resources.markDeleted(env.id(), new ResourceKey(d.resource()), now()));
            Set<ResourceKey> reopened = graph.withDependents(
                    found.stream().map(d -> new ResourceKey(d.resource())).toList());
            resources.reopenForRepair(env.id(), reopened, now());
            events.append(
                    env.id(),
                    EventType.REPAIR_STARTED,
                    "changing " + found.size() + " difference(s) back to the spec; " + reopened.size()
                            + " resource(s) to look at again");
        }
        return CONTINUE;
    }

    // ---- teardown -----------------------------------------------------------------------------

    private Pass teardown(Environment env) {
        ResourceGraph graph = planner.planWithRetired(env);
        Map<ResourceKey, ResourceRecord> records = resources.byKey(env.id());
        Set<ResourceKey> retained = graph.withDependencies(planner.retainedOnTeardown(env));
        Predicate<ResourceKey> live = k -> isLive(records, k);
        if (graph.nodes().stream().noneMatch(n -> live.test(n.key()))) {
            if (environments.save(env.deleted(now())).isPresent()) {
                metrics.environmentFinished(env, EnvironmentStatus.DELETED, now());
                events.append(
                        env.id(),
                        EventType.DELETED,
                        null,
                        null,
                        retained.isEmpty()
                                ? "every resource is gone"
                                : "every resource is gone but the " + retained.size() + " retained",
                        Duration.between(env.deleteRequestedAt(), now()));
                log.info("environment {} ({}) is DELETED", env.id(), env.name());
                return FINISHED;
            }
            return CONTINUE;
        }
        // what is retained is kept at once; its dependencies are retained too, so it never waits for a deletion
        Predicate<ResourceNode> actionable = n -> live.test(n.key())
                && (retained.contains(n.key())
                        || graph.dependentsOf(n.key()).stream().noneMatch(live));
        return round(
                env,
                graph.nodes().reversed(),
                actionable,
                records,
                n -> retained.contains(n.key())
                        ? retainStep(env, n, records.get(n.key()), records)
                        : teardownStep(env, n, records.get(n.key()), records),
                failure -> deleteFailed(env, failure));
    }

    private Pass deleteFailed(Environment env, Failure failure) {
        if (environments.save(env.deleteFailed(failure, now())).isPresent()) {
            metrics.environmentFinished(env, EnvironmentStatus.DELETE_FAILED, now());
            events.append(
                    env.id(),
                    EventType.DELETE_FAILED,
                    failure.step(),
                    null,
                    "teardown stopped at " + failure.step() + ": " + failure.code() + ": " + failure.message(),
                    null);
            log.warn(
                    "environment {} ({}) DELETE_FAILED at {}: {}: {}",
                    env.id(),
                    env.name(),
                    failure.step(),
                    failure.code(),
                    failure.message());
            return FINISHED;
        }
        return CONTINUE;
    }

    /**
     * The next step of a resource's delete: nothing while its handler names a blocker (the resource waits
     * for it), else the delete call. "Still in use", a blocker or an error, is waited out until the kind's
     * delete deadline.
     */
    private StepResult teardownStep(
            Environment env, ResourceNode node, ResourceRecord record, Map<ResourceKey, ResourceRecord> records) {
        ResourceHandler<ResourceDesired> handler = handlers.handlerFor(node.desired());
        ResourceContext context = ResourceContext.of(env, node, record.physicalId(), records);
        String leaves = handler.leavesBehind(context, node.desired())
                .map(s -> "; leaves " + s)
                .orElse("");
        Instant deadline = deleteDeadline(handler.kind(), record);
        try {
            Optional<Observation> seen = handler.remains(context, node.desired());
            if (seen.isEmpty()) {
                return gone(env, node, handler.kind(), record, leaves, deleteStartedAt(record));
            }
            ResourceContext found = context.withPhysicalId(seen.get().physicalId());
            Instant deleteStarted = deleteStartedAt(record);
            if (deleteStarted == null) {
                deleteStarted = now();
                resources.markDeleting(env.id(), node.key(), deleteStarted);
                events.append(
                        env.id(),
                        EventType.DELETE_STARTED,
                        node.key().value(),
                        handler.kind(),
                        "deleting " + seen.get().physicalId() + leaves,
                        null);
            }
            Optional<DeleteBlocker> blocker = handler.deleteBlockedBy(found, node.desired(), seen.get());
            if (blocker.isPresent()) {
                return blocked(env, node, handler.kind(), record, blocker.get(), deadline);
            }
            handler.delete(found, node.desired(), seen.get());
            Optional<Observation> after = handler.remains(found, node.desired());
            if (after.isEmpty()) {
                return gone(env, node, handler.kind(), record, leaves, deleteStarted);
            }
            if (after.get().readiness() instanceof Readiness.Pending p) {
                waitFor(env, node, handler.kind(), record, p, now());
            } else {
                resources.checkAgainAt(env.id(), node.key(), now().plus(properties.retryBaseDelay()));
            }
            return record.state() != DELETING ? StepResult.CHANGED : StepResult.UNCHANGED;
        } catch (RuntimeException e) {
            return teardownFailed(env, node, handler.kind(), record, e, deadline, leaves);
        }
    }

    /** Keeps the resource in place of deleting it: tags it retained, records it RETAINED, and says so. */
    private StepResult retainStep(
            Environment env, ResourceNode node, ResourceRecord record, Map<ResourceKey, ResourceRecord> records) {
        ResourceHandler<ResourceDesired> handler = handlers.handlerFor(node.desired());
        Instant deadline = deleteDeadline(handler.kind(), record);
        ResourceContext context = ResourceContext.of(env, node, record.physicalId(), records);
        try {
            Optional<Observation> seen = handler.remains(context, node.desired());
            if (seen.isEmpty()) {
                return gone(env, node, handler.kind(), record, "", deleteStartedAt(record));
            }
            handler.markRetained(context.withPhysicalId(seen.get().physicalId()), node.desired(), seen.get());
            resources.markRetained(env.id(), node.key(), now());
            events.append(
                    env.id(),
                    EventType.RETAINED,
                    node.key().value(),
                    handler.kind(),
                    "kept " + seen.get().physicalId() + " (the database is retained), tagged " + Tags.RETAINED
                            + "=true",
                    null);
            return StepResult.CHANGED;
        } catch (RuntimeException e) {
            return teardownFailed(env, node, handler.kind(), record, e, deadline, "");
        }
    }

    private StepResult teardownFailed(
            Environment env,
            ResourceNode node,
            String kind,
            ResourceRecord record,
            RuntimeException e,
            Instant deadline,
            String leaves) {
        StepError error = errors.classify(e);
        if (error.kind() == StepError.Kind.NOT_FOUND) {
            return gone(env, node, kind, record, leaves, deleteStartedAt(record));
        }
        Instant now = now();
        int attempts = record.attempts() + 1;
        // throttling and server errors are retried like any transient error; "still in use" waits for the deadline
        boolean again = switch (error.kind()) {
            case RETRYABLE -> error.retry().allowsAnother(attempts);
            case DEPENDENCY -> now.isBefore(deadline);
            case NOT_FOUND, TERMINAL -> false;
        };
        if (again) {
            Duration delay = error.retry().delayAfter(attempts);
            resources.retryAt(env.id(), node.key(), attempts, error.describe(), now.plus(delay));
            String until = error.kind() == StepError.Kind.DEPENDENCY
                    ? "gives up at " + deadline
                    : "attempt " + attempts + " of " + error.retry().maxAttempts();
            events.append(
                    env.id(),
                    EventType.RETRY_SCHEDULED,
                    node.key().value(),
                    kind,
                    error.describe() + " (" + error.retry().rule() + ": next in " + Durations.human(delay) + "; "
                            + until + ")",
                    null);
            return StepResult.UNCHANGED;
        }
        resources.retryAt(env.id(), node.key(), record.attempts(), error.describe(), null);
        events.append(env.id(), EventType.DELETE_FAILED, node.key().value(), kind, error.describe(), null);
        return StepResult.failed(new Failure(node.key().value(), error.code(), error.message()));
    }

    /**
     * Waits for what its handler says is in the way of the delete call, saying what in {@code waitingFor};
     * past the deadline, fails naming it and how to clear it.
     */
    private StepResult blocked(
            Environment env,
            ResourceNode node,
            String kind,
            ResourceRecord record,
            DeleteBlocker blocker,
            Instant deadline) {
        Instant now = now();
        if (now.isBefore(deadline)) {
            waitFor(
                    env,
                    node,
                    kind,
                    record,
                    new Readiness.Pending(blocker.waitingFor(), properties.blockedDeleteInterval()),
                    now);
            return record.state() != DELETING ? StepResult.CHANGED : StepResult.UNCHANGED;
        }
        String message = "gave up after " + Durations.human(properties.deleteTimeoutOf(kind)) + " waiting for "
                + blocker.waitingFor() + "; " + blocker.fix();
        resources.retryAt(env.id(), node.key(), record.attempts(), DELETE_BLOCKED + ": " + message, null);
        events.append(
                env.id(), EventType.DELETE_FAILED, node.key().value(), kind, DELETE_BLOCKED + ": " + message, null);
        return StepResult.failed(new Failure(node.key().value(), DELETE_BLOCKED, message));
    }

    /** Until when a resource's delete waits for what still uses it: its kind's timeout from the start of its delete. */
    private Instant deleteDeadline(String kind, ResourceRecord record) {
        Instant started = deleteStartedAt(record);
        return (started == null ? now() : started).plus(properties.deleteTimeoutOf(kind));
    }

    /** When its delete began, if an earlier step began it (the record says DELETING since then); else null. */
    private static Instant deleteStartedAt(ResourceRecord record) {
        return record.state() == DELETING ? record.updatedAt() : null;
    }

    /** @param deleteStarted when its delete began; null when it was gone before any */
    private StepResult gone(
            Environment env,
            ResourceNode node,
            String kind,
            ResourceRecord record,
            String leaves,
            Instant deleteStarted) {
        Instant now = now();
        resources.markDeleted(env.id(), node.key(), now);
        Duration took = deleteStarted == null ? null : Duration.between(deleteStarted, now);
        metrics.resourceDeleted(kind, took);
        events.append(
                env.id(),
                EventType.DELETE_FINISHED,
                node.key().value(),
                kind,
                record.physicalId() == null ? "nothing to delete" : record.physicalId() + " is gone" + leaves,
                took);
        return StepResult.CHANGED;
    }

    // ---- shared -------------------------------------------------------------------------------

    /**
     * Looks again after the pending's interval (at most {@code maxPollInterval}), and records what AWS is still doing; a WAITING event
     * says so whenever that changes, so a long wait is never silent.
     */
    private void waitFor(
            Environment env, ResourceNode node, String kind, ResourceRecord record, Readiness.Pending p, Instant now) {
        Duration interval = p.checkAgainIn().compareTo(properties.maxPollInterval()) > 0
                ? properties.maxPollInterval()
                : p.checkAgainIn();
        resources.waitFor(env.id(), node.key(), p.detail(), now.plus(interval));
        if (!p.detail().equals(record.waitingFor())) {
            events.append(env.id(), EventType.WAITING, node.key().value(), kind, "waiting for " + p.detail(), null);
        }
    }

    /**
     * One round of steps: the {@code actionable} nodes that are due run side by side, taken in
     * {@code order}. The first failure goes to {@code onFailure}; when nothing changed, the pass waits
     * for the earliest next attempt.
     */
    private Pass round(
            Environment env,
            List<ResourceNode> order,
            Predicate<ResourceNode> actionable,
            Map<ResourceKey, ResourceRecord> records,
            Function<ResourceNode, StepResult> step,
            Function<Failure, Pass> onFailure) {
        Instant now = now();
        List<ResourceNode> due = order.stream()
                .filter(actionable)
                .filter(n ->
                        records.get(n.key()) == null || records.get(n.key()).isDue(now))
                .toList();
        if (due.isEmpty()) {
            return waitForEarliest(env, order, actionable);
        }
        List<StepResult> results = runAll(due, step);
        Optional<Failure> failure = results.stream()
                .map(StepResult::failure)
                .filter(Objects::nonNull)
                .findFirst();
        if (failure.isPresent()) {
            return onFailure.apply(failure.get());
        }
        return results.stream().anyMatch(StepResult::changed) ? CONTINUE : waitForEarliest(env, order, actionable);
    }

    private List<StepResult> runAll(List<ResourceNode> nodes, Function<ResourceNode, StepResult> step) {
        List<CompletableFuture<StepResult>> running = nodes.stream()
                .map(n -> CompletableFuture.supplyAsync(() -> step.apply(n), steps))
                .toList();
        return running.stream().map(CompletableFuture::join).toList();
    }

    /** Sleeps on nothing: tells the scheduler when the earliest actionable resource is due. */
    private Pass waitForEarliest(Environment env, List<ResourceNode> nodes, Predicate<ResourceNode> actionable) {
        // re-read: the steps of this pass moved their next attempts
        Map<ResourceKey, ResourceRecord> records = resources.byKey(env.id());
        Instant earliest = nodes.stream()
                .filter(actionable)
                .map(n -> records.get(n.key()))
                .map(r -> r == null || r.nextAttemptAt() == null ? now() : r.nextAttemptAt())
                .min(Instant::compareTo)
                .orElse(now().plus(properties.pollingInterval()));
        return new Pass.WaitUntil(earliest);
    }

    /** Whether a change is replacing it, and the old one may still exist. */
    private static boolean isBeingReplaced(Map<ResourceKey, ResourceRecord> records, ResourceKey key) {
        ResourceState s = stateOf(records, key);
        // while provisioning, only a replacement deletes a resource of the graph
        return s == REPLACING || s == DELETING;
    }

    /** Whether AWS may have it: acted on and not known to be gone. */
    private static boolean isLive(Map<ResourceKey, ResourceRecord> records, ResourceKey key) {
        ResourceState s = stateOf(records, key);
        return s != PLANNED && s != DELETED && s != RETAINED;
    }

    private static ResourceState stateOf(Map<ResourceKey, ResourceRecord> records, ResourceKey key) {
        ResourceRecord r = records.get(key);
        return r == null ? PLANNED : r.state();
    }

    private Instant now() {
        return SqlTime.now(clock);
    }
}
