package dev.plinth.engine;

import static dev.plinth.engine.ResourceState.DELETING;

import dev.plinth.environment.Environment;
import dev.plinth.environment.Failure;
import dev.plinth.support.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * One resource's next step out of AWS: nothing while its handler names a blocker, else the delete
 * call, until it is gone; or, for one teardown keeps, tagging it retained. "Still in use", a blocker or
 * an error, is waited out until the kind's delete deadline.
 */
@Component
class TeardownSteps {

    /** The failure code of a delete whose blocker did not go by the deadline. */
    private static final String DELETE_BLOCKED = "DeleteBlocked";

    private final ResourceJournal journal;
    private final Looks looks;
    private final StepTools tools;

    TeardownSteps(StepTools tools) {
        this.journal = tools.journal();
        this.looks = tools.looks();
        this.tools = tools;
    }

    /** One resource on its way out, handled by its kind's handler; {@code leaves} says what its delete leaves. */
    private record Step(
            Environment env,
            ResourceNode node,
            ResourceRecord record,
            ResourceHandler<ResourceDesired> handler,
            ResourceContext context,
            String leaves) {
        String id() {
            return env.id();
        }

        ResourceKey key() {
            return node.key();
        }

        ResourceKind kind() {
            return handler.kind();
        }

        ResourceDesired desired() {
            return node.desired();
        }

        /** When its delete began, if an earlier step began it (the record says DELETING since then); else null. */
        @Nullable
        Instant deleteStartedAt() {
            return record.state() == DELETING ? record.updatedAt() : null;
        }

        /** Whether this step moved it: one already DELETING that still waits changed nothing. */
        StepResult waited() {
            return record.state() != DELETING ? StepResult.CHANGED : StepResult.UNCHANGED;
        }
    }

    private Step stepOf(
            Environment env,
            ResourceNode node,
            ResourceRecord record,
            Map<ResourceKey, ResourceRecord> records,
            boolean named) {
        ResourceHandler<ResourceDesired> handler = tools.handlers().handlerFor(node.desired());
        ResourceContext context = ResourceContext.of(env, node, record.physicalId(), records);
        String leaves = named
                ? handler.leavesBehind(context, node.desired())
                        .map(s -> "; leaves " + s)
                        .orElse("")
                : "";
        return new Step(env, node, record, handler, context, leaves);
    }

    /** The next step of a resource's delete. */
    StepResult delete(
            Environment env, ResourceNode node, ResourceRecord record, Map<ResourceKey, ResourceRecord> records) {
        return onWhatRemains(stepOf(env, node, record, records, true), this::deleteFound);
    }

    /** Keeps the resource in place of deleting it: tags it retained, records it RETAINED, and says so. */
    StepResult retain(
            Environment env, ResourceNode node, ResourceRecord record, Map<ResourceKey, ResourceRecord> records) {
        return onWhatRemains(stepOf(env, node, record, records, false), (step, seen, deadline) -> {
            step.handler().markRetained(step.context().withPhysicalId(seen.physicalId()), step.desired(), seen);
            journal.retained(
                    step.id(),
                    step.key(),
                    step.kind(),
                    "kept " + seen.physicalId() + " (the database is retained), tagged " + Tags.RETAINED + "=true",
                    now());
            return StepResult.CHANGED;
        });
    }

    /** What a step does with what remains of its resource, before its delete deadline. */
    @FunctionalInterface
    private interface Action {
        StepResult on(Step step, Observation seen, Instant deadline);
    }

    /** Gone when nothing remains, else {@code action}; an error goes to {@link #failed}. */
    private StepResult onWhatRemains(Step step, Action action) {
        Instant deadline = deadlineOf(step);
        try {
            Optional<Observation> seen = step.handler().remains(step.context(), step.desired());
            return seen.isEmpty() ? gone(step, step.deleteStartedAt()) : action.on(step, seen.get(), deadline);
        } catch (RuntimeException e) {
            return failed(step, e, deadline);
        }
    }

    /** Begins the delete if no earlier step did; waits for a blocker, else makes the delete call. */
    private StepResult deleteFound(Step step, Observation seen, Instant deadline) {
        Instant deleteStarted = step.deleteStartedAt();
        if (deleteStarted == null) {
            deleteStarted = now();
            journal.deleteStarted(
                    step.id(), step.key(), step.kind(), "deleting " + seen.physicalId() + step.leaves(), deleteStarted);
        }
        ResourceContext found = step.context().withPhysicalId(seen.physicalId());
        Optional<DeleteBlocker> blocker = step.handler().deleteBlockedBy(found, step.desired(), seen);
        if (blocker.isPresent()) {
            return blocked(step, blocker.get(), deadline);
        }
        step.handler().delete(found, step.desired(), seen);
        return afterDelete(step, found, deleteStarted);
    }

    /** Gone at once, or looked at again: when AWS says how long, then; else soon. */
    private StepResult afterDelete(Step step, ResourceContext found, Instant deleteStarted) {
        Optional<Observation> after = step.handler().remains(found, step.desired());
        if (after.isEmpty()) {
            return gone(step, deleteStarted);
        }
        if (after.get().readiness() instanceof Readiness.Pending p) {
            looks.waitFor(step.id(), step.node(), step.kind(), step.record(), p, now());
        } else {
            looks.soon(step.id(), step.node(), now());
        }
        return step.waited();
    }

    /**
     * An error of the step: NotFound is gone; throttling and server errors are retried like any
     * transient error; "still in use" is waited out until the deadline; anything else stops teardown.
     */
    private StepResult failed(Step step, RuntimeException e, Instant deadline) {
        StepError error = tools.errors().classify(e);
        if (error.kind() == StepError.Kind.NOT_FOUND) {
            return gone(step, step.deleteStartedAt());
        }
        Instant now = now();
        int attempts = step.record().attempts() + 1;
        boolean again = switch (error.kind()) {
            case RETRYABLE -> error.backoff().allowsAnother(attempts);
            case DEPENDENCY -> now.isBefore(deadline);
            case NOT_FOUND, TERMINAL -> false;
        };
        if (!again) {
            journal.deleteFailed(
                    step.id(), step.key(), step.kind(), step.record().attempts(), error.describe());
            return StepResult.failed(new Failure(step.key().value(), error.code(), error.message()));
        }
        Duration delay = error.backoff().delayAfter(attempts);
        String until = error.kind() == StepError.Kind.DEPENDENCY
                ? "gives up at " + deadline
                : "attempt " + attempts + " of " + error.backoff().maxAttempts();
        journal.retryScheduled(
                step.id(),
                step.key(),
                step.kind(),
                attempts,
                error,
                now.plus(delay),
                "next in " + Durations.human(delay) + "; " + until);
        return StepResult.UNCHANGED;
    }

    /**
     * Waits for what its handler says is in the way of the delete call, saying what; past the
     * deadline, fails naming it and how to clear it.
     */
    private StepResult blocked(Step step, DeleteBlocker blocker, Instant deadline) {
        Instant now = now();
        if (now.isBefore(deadline)) {
            looks.waitFor(
                    step.id(),
                    step.node(),
                    step.kind(),
                    step.record(),
                    new Readiness.Pending(
                            blocker.waitingFor(), tools.properties().blockedDeleteInterval()),
                    now);
            return step.waited();
        }
        String message = "gave up after " + Durations.human(tools.deleteTimeoutOf(step.kind())) + " waiting for "
                + blocker.waitingFor() + "; " + blocker.fix();
        journal.deleteFailed(
                step.id(), step.key(), step.kind(), step.record().attempts(), DELETE_BLOCKED + ": " + message);
        return StepResult.failed(new Failure(step.key().value(), DELETE_BLOCKED, message));
    }

    /** Until when a resource's delete waits for what still uses it: its kind's timeout from the start of its delete. */
    private Instant deadlineOf(Step step) {
        Instant started = step.deleteStartedAt();
        return (started == null ? now() : started).plus(tools.deleteTimeoutOf(step.kind()));
    }

    /** @param deleteStarted when its delete began; null when it was gone before any */
    private StepResult gone(Step step, @Nullable Instant deleteStarted) {
        Instant now = now();
        Duration took = deleteStarted == null ? null : Duration.between(deleteStarted, now);
        tools.metrics().resourceDeleted(step.kind(), took);
        journal.deleted(
                step.id(),
                step.key(),
                step.kind(),
                step.record().physicalId() == null
                        ? "nothing to delete"
                        : step.record().physicalId() + " is gone" + step.leaves(),
                took,
                now);
        return StepResult.CHANGED;
    }

    private Instant now() {
        return tools.now();
    }
}
