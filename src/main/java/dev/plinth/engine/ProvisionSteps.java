package dev.plinth.engine;

import static dev.plinth.engine.ResourceState.CHECKING;
import static dev.plinth.engine.ResourceState.DELETED;
import static dev.plinth.engine.ResourceState.PLANNED;
import static dev.plinth.engine.ResourceState.UPDATING;
import static dev.plinth.engine.ResourceState.WAITING;

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
 * One resource's next step towards the spec: observe it; create it when AWS does not have it; update
 * it when it differs; wait while AWS works on it; and on an error, retry or fail as the error's
 * retry policy says.
 */
@Component
class ProvisionSteps {

    private final ResourceJournal journal;
    private final Looks looks;
    private final StepTools tools;

    ProvisionSteps(StepTools tools) {
        this.journal = tools.journal();
        this.looks = tools.looks();
        this.tools = tools;
    }

    /** One resource, handled by its kind's handler. */
    private record Step(Environment env, ResourceNode node, ResourceHandler<ResourceDesired> handler) {
        String id() {
            return env.id();
        }

        ResourceKey key() {
            return node.key();
        }

        ResourceKind kind() {
            return handler.kind();
        }
    }

    StepResult step(
            Environment env,
            ResourceNode node,
            @Nullable ResourceRecord record,
            Map<ResourceKey, ResourceRecord> records) {
        Step step = new Step(env, node, tools.handlers().handlerFor(node.desired()));
        ResourceContext context = ResourceContext.of(env, node, record == null ? null : record.physicalId(), records);
        Instant now = now();
        try {
            Optional<Observation> seen =
                    record == null ? Optional.empty() : step.handler().observe(context, node.desired());
            if (record != null && seen.isPresent()) {
                return converge(step, context, record, seen.get());
            }
            if (record != null
                    && record.physicalId() != null
                    && record.state() != DELETED
                    && now.isBefore(record.updatedAt().plus(tools.properties().createConsistencyGrace()))) {
                // NOTE: describe calls are eventually consistent: a resource created a moment ago may not be listed yet
                // (one a change deleted, and the next change brings back, is simply created again)
                looks.soon(step.id(), node, now);
                return StepResult.UNCHANGED;
            }
            journal.createStarted(step.id(), step.key(), step.kind(), record, now);
            String id = step.handler().create(context, node.desired());
            journal.created(step.id(), step.key(), id, now());
            return StepResult.CHANGED;
        } catch (RuntimeException e) {
            return failed(step, record, e);
        }
    }

    /**
     * Takes a resource observe found a step further: an update call when it differs from the spec,
     * else what its readiness says.
     */
    private StepResult converge(Step step, ResourceContext context, ResourceRecord record, Observation seen) {
        boolean adopted = adopt(step, record, seen);
        ResourceState state = adopted ? WAITING : record.state();
        if (!seen.attributes().isEmpty() && !seen.attributes().equals(record.attributes())) {
            // outputs show what exists, not only what is ready: a client can look at a service that will not start
            journal.seen(step.id(), step.key(), seen.attributes());
        }
        if (!seen.differences().isEmpty()) {
            journal.updateStarted(
                    step.id(),
                    step.key(),
                    step.kind(),
                    state,
                    "changing " + seen.physicalId() + ": " + seen.differences(),
                    now());
            step.handler()
                    .update(
                            context.withPhysicalId(seen.physicalId()),
                            step.node().desired(),
                            seen);
            return StepResult.CHANGED;
        }
        return switch (seen.readiness()) {
            case Readiness.Ready r -> ready(step, record, state, seen);
            case Readiness.Pending p -> pending(step, record, state, seen, p, adopted);
            case Readiness.Failed f -> {
                journal.failed(step.id(), step.key(), step.kind(), state, f.reason(), now());
                yield StepResult.failed(new Failure(step.key().value(), "ResourceFailed", f.reason()));
            }
        };
    }

    /**
     * Ready: one being created ends with CREATE_FINISHED, one updated with UPDATE_FINISHED; one looked
     * at again after a change or for a repair is READY again without an event.
     */
    private StepResult ready(Step step, ResourceRecord record, ResourceState state, Observation seen) {
        Instant now = now();
        Duration took = null;
        if (state == UPDATING) {
            took = Duration.between(record.waitingSince(), now);
            tools.metrics().resourceUpdated(step.kind(), took);
        } else if (state != CHECKING) {
            took = Duration.between(record.createdAt(), now);
            tools.metrics().resourceCreated(step.kind(), took);
        }
        journal.ready(step.id(), step.key(), step.kind(), state, seen, took, now);
        return StepResult.CHANGED;
    }

    /** Still being made: looked at again later, or failed once its kind's readiness timeout has passed. */
    private StepResult pending(
            Step step,
            ResourceRecord record,
            ResourceState state,
            Observation seen,
            Readiness.Pending pending,
            boolean adopted) {
        Instant now = now();
        Duration timeout = tools.readinessTimeoutOf(step.kind());
        Instant since = adopted || record.waitingSince() == null ? now : record.waitingSince();
        if (now.isAfter(since.plus(timeout))) {
            String reason = step.kind() + " " + seen.physicalId() + " not ready within " + Durations.human(timeout)
                    + ", still waiting for " + pending.detail();
            journal.failed(step.id(), step.key(), step.kind(), state, reason, now);
            return StepResult.failed(new Failure(step.key().value(), "ReadinessTimeout", reason));
        }
        looks.waitFor(step.id(), step.node(), step.kind(), record, pending, now);
        return adopted ? StepResult.CHANGED : StepResult.UNCHANGED;
    }

    /**
     * Records the id observe found when it is not the recorded one, and says whether that is an
     * adoption: the record had no id (the create's answer was lost), or the recorded resource is gone
     * and this one was found by its tags or name. For a kind whose updates make new ids (a task
     * definition's revisions), a new id is the same resource, found as the engine's update left it.
     */
    private boolean adopt(Step step, ResourceRecord record, Observation seen) {
        if (seen.physicalId().equals(record.physicalId())) {
            return false;
        }
        if (record.physicalId() != null && step.handler().updateMakesNewId()) {
            journal.revised(step.id(), step.key(), seen.physicalId());
            return false;
        }
        journal.adopted(step.id(), step.key(), step.kind(), record, seen.physicalId(), now());
        return true;
    }

    /**
     * An error of the step: retried while its retry policy allows (a NotFound here is AWS not yet
     * showing what was just made, or what it needs: waited out, never "gone"), else the resource fails.
     */
    private StepResult failed(Step step, @Nullable ResourceRecord record, RuntimeException e) {
        StepError error = tools.errors().classify(e);
        int attempts = (record == null ? 0 : record.attempts()) + 1;
        Instant now = now();
        if (error.kind() != StepError.Kind.TERMINAL && error.backoff().allowsAnother(attempts)) {
            Duration delay = error.backoff().delayAfter(attempts);
            journal.retryScheduled(
                    step.id(),
                    step.key(),
                    step.kind(),
                    attempts,
                    error,
                    now.plus(delay),
                    "attempt " + attempts + " of " + error.backoff().maxAttempts() + "; next in "
                            + Durations.human(delay));
            return StepResult.UNCHANGED;
        }
        String text = error.kind() == StepError.Kind.TERMINAL
                ? error.describe()
                : error.describe() + " (gave up after " + attempts + " attempts)";
        journal.failed(step.id(), step.key(), step.kind(), record == null ? PLANNED : record.state(), text, now);
        return StepResult.failed(new Failure(step.key().value(), error.code(), error.message()));
    }

    private Instant now() {
        return tools.now();
    }
}
