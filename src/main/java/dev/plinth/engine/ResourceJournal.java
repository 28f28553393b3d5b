package dev.plinth.engine;

import dev.plinth.environment.EventLog;
import dev.plinth.environment.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one place that changes a resource's record and writes its events. Each transition is a method:
 * it moves the record only from a state {@link ResourceState#legalSources()} allows, and writes the
 * record and its event in one transaction, so neither is ever seen without the other. A move from
 * another state is a defect of the engine: {@link IllegalTransitionException}, and nothing is written.
 *
 * <p>The notes that do not change the state (when to look again, what AWS is still doing, the
 * attributes seen) are here too, so no other class writes a resource row.
 */
@Component
public class ResourceJournal {

    private final ResourceRepository resources;
    private final EventLog events;
    private final TransactionTemplate transaction;

    ResourceJournal(ResourceRepository resources, EventLog events, TransactionTemplate transaction) {
        this.resources = resources;
        this.events = events;
        this.transaction = transaction;
    }

    /** A transition the lifecycle does not allow: a defect of the engine, never of AWS or the spec. */
    public static final class IllegalTransitionException extends IllegalStateException {
        IllegalTransitionException(ResourceKey key, String from, ResourceState to) {
            super("resource " + key.value() + " cannot become " + to + " from " + from);
        }
    }

    // ---- creation -----------------------------------------------------------------------------

    /** Creation is intended, before the create call; {@code record} is what an earlier attempt left, if any. */
    void createStarted(
            String environmentId, ResourceKey key, ResourceKind kind, @Nullable ResourceRecord record, Instant now) {
        inTransaction(() -> {
            String why;
            if (record == null) {
                resources.insertCreating(environmentId, key, kind.name(), now);
                why = "creating";
            } else {
                moved(resources.markCreating(environmentId, key, now), environmentId, key, ResourceState.CREATING);
                why = record.physicalId() == null
                        ? "creating (attempt " + (record.attempts() + 1) + "; no earlier attempt left anything behind)"
                        : "creating again: " + record.physicalId() + " is gone";
            }
            events.appendResourceEvent(environmentId, EventType.CREATE_STARTED, key.value(), kind.name(), why, null);
        });
    }

    /** The create call answered with the resource's id: AWS has it, and it is waited for from now. */
    void created(String environmentId, ResourceKey key, String physicalId, Instant now) {
        moved(resources.markExists(environmentId, key, physicalId, now), environmentId, key, ResourceState.WAITING);
    }

    /**
     * AWS has a resource the record does not name: made by an attempt whose id was lost, or found by its
     * tags or name in place of one that is gone. Waited for from now.
     */
    void adopted(
            String environmentId,
            ResourceKey key,
            ResourceKind kind,
            ResourceRecord record,
            String found,
            Instant now) {
        String message = record.physicalId() == null
                ? "found " + found + ", made by an attempt that was interrupted before its id was saved"
                : "found " + found + " in place of " + record.physicalId() + ", which is gone";
        transition(
                environmentId,
                key,
                ResourceState.WAITING,
                () -> resources.markExists(environmentId, key, found, now),
                new Told(EventType.ADOPTED, kind, message, null));
    }

    /** The id an update gave the resource (a new revision of a task definition): the same resource. */
    void revised(String environmentId, ResourceKey key, String physicalId) {
        resources.recordNewId(environmentId, key, physicalId);
    }

    /** What an existing resource publishes, saved as soon as it is seen, before it is ready too. */
    void seen(String environmentId, ResourceKey key, Map<String, String> attributes) {
        resources.recordAttributes(environmentId, key, attributes);
    }

    // ---- updates and readiness ----------------------------------------------------------------

    /**
     * An update call is about to be made. One looked at again ({@code CHECKING}) becomes UPDATING
     * before the call: after a crash in between, the update is made again and still finishes.
     */
    void updateStarted(
            String environmentId,
            ResourceKey key,
            ResourceKind kind,
            ResourceState state,
            String message,
            Instant now) {
        inTransaction(() -> {
            if (state == ResourceState.CHECKING) {
                moved(resources.markUpdating(environmentId, key, now), environmentId, key, ResourceState.UPDATING);
            }
            events.appendResourceEvent(
                    environmentId, EventType.UPDATE_STARTED, key.value(), kind.name(), message, null);
        });
    }

    /**
     * Ready, with what it publishes. The event says what finished: an update, a creation, or nothing
     * for one that was only looked at again and found as the spec says.
     *
     * @param took since the update's or the creation's start
     */
    void ready(
            String environmentId,
            ResourceKey key,
            ResourceKind kind,
            ResourceState state,
            Observation seen,
            @Nullable Duration took,
            Instant now) {
        inTransaction(() -> {
            moved(
                    resources.markReady(environmentId, key, seen.attributes(), now),
                    environmentId,
                    key,
                    ResourceState.READY);
            if (state != ResourceState.CHECKING) {
                EventType type =
                        state == ResourceState.UPDATING ? EventType.UPDATE_FINISHED : EventType.CREATE_FINISHED;
                events.appendResourceEvent(
                        environmentId, type, key.value(), kind.name(), seen.physicalId() + " is ready", took);
            }
        });
    }

    /** Failed for good: an update's failure if it was ready before the change, else a create's. */
    void failed(
            String environmentId, ResourceKey key, ResourceKind kind, ResourceState state, String reason, Instant now) {
        inTransaction(() -> {
            int rows = resources.markFailed(environmentId, key, reason, now);
            if (rows == 0 && state != ResourceState.PLANNED) {
                moved(rows, environmentId, key, ResourceState.FAILED);
            }
            EventType type = state == ResourceState.CHECKING || state == ResourceState.UPDATING
                    ? EventType.UPDATE_FAILED
                    : EventType.CREATE_FAILED;
            events.appendResourceEvent(environmentId, type, key.value(), kind.name(), reason, null);
        });
    }

    // ---- looks and retries --------------------------------------------------------------------

    /** Look again at {@code at}: the last look succeeded, so failures start over. */
    void lookAgainAt(String environmentId, ResourceKey key, Instant at) {
        resources.checkAgainAt(environmentId, key, at);
    }

    /**
     * Look again at {@code at}, and what AWS is still doing; a WAITING event whenever that changes
     * from what the record said, so a long wait is never silent.
     */
    void waiting(
            String environmentId,
            ResourceKey key,
            ResourceKind kind,
            @Nullable ResourceRecord record,
            String detail,
            Instant at) {
        inTransaction(() -> {
            resources.waitFor(environmentId, key, detail, at);
            if (record == null || !detail.equals(record.waitingFor())) {
                events.appendResourceEvent(
                        environmentId, EventType.WAITING, key.value(), kind.name(), "waiting for " + detail, null);
            }
        });
    }

    /**
     * A failed attempt, tried again at {@code at} as the error's backoff says; {@code note} says when
     * next and until when.
     */
    void retryScheduled(
            String environmentId,
            ResourceKey key,
            ResourceKind kind,
            int attempts,
            StepError error,
            Instant at,
            String note) {
        String message = error.describe() + " (" + error.backoff().rule() + ": " + note + ")";
        attemptFailed(
                environmentId,
                key,
                attempts,
                error.describe(),
                at,
                new Told(EventType.RETRY_SCHEDULED, kind, message, null));
    }

    /** A drift check could not look at it; nothing about the resource changes. */
    void lookFailed(String environmentId, ResourceKey key, ResourceKind kind, String message) {
        events.appendResourceEvent(
                environmentId, EventType.DRIFT_CHECK_FAILED, key.value(), kind.name(), message, null);
    }

    // ---- teardown -----------------------------------------------------------------------------

    /** Its delete begins; the delete deadline counts from now. */
    void deleteStarted(String environmentId, ResourceKey key, ResourceKind kind, String message, Instant now) {
        transition(
                environmentId,
                key,
                ResourceState.DELETING,
                () -> resources.markDeleting(environmentId, key, now),
                new Told(EventType.DELETE_STARTED, kind, message, null));
    }

    /** Its delete stopped for good; the record keeps its state (AWS may still have it) and the error. */
    void deleteFailed(String environmentId, ResourceKey key, ResourceKind kind, int attempts, String error) {
        attemptFailed(environmentId, key, attempts, error, null, new Told(EventType.DELETE_FAILED, kind, error, null));
    }

    /** AWS no longer has it. */
    void deleted(
            String environmentId,
            ResourceKey key,
            ResourceKind kind,
            String message,
            @Nullable Duration took,
            Instant now) {
        transition(
                environmentId,
                key,
                ResourceState.DELETED,
                () -> resources.markDeleted(environmentId, key, now),
                new Told(EventType.DELETE_FINISHED, kind, message, took));
    }

    /** Kept on purpose by teardown: AWS still has it, tagged retained, and the engine lets go of it. */
    void retained(String environmentId, ResourceKey key, ResourceKind kind, String message, Instant now) {
        transition(
                environmentId,
                key,
                ResourceState.RETAINED,
                () -> resources.markRetained(environmentId, key, now),
                new Told(EventType.RETAINED, kind, message, null));
    }

    // ---- changes of the whole environment -------------------------------------------------------

    /**
     * A drift check found these gone, and they are to be created again at once (without the grace a
     * resource just created gets), then they and what depends on them looked at again.
     *
     * @return how many were reopened
     */
    int reopenForRepair(
            String environmentId, Collection<ResourceKey> gone, Collection<ResourceKey> reopened, Instant now) {
        Integer count = transaction.execute(tx -> {
            gone.forEach(key ->
                    moved(resources.markDeleted(environmentId, key, now), environmentId, key, ResourceState.DELETED));
            return resources.reopenForRepair(environmentId, reopened, now);
        });
        return count == null ? 0 : count;
    }

    /**
     * After a spec change: these are to be deleted and created anew.
     *
     * @return how many were set to be replaced
     */
    public int replacing(String environmentId, Collection<ResourceKey> replaced, Instant now) {
        return resources.markReplacing(environmentId, replaced, now);
    }

    /**
     * After a spec change: every READY resource compares itself with the new spec, and every FAILED
     * one is tried again (the change may be its fix).
     *
     * @return how many were reopened
     */
    public int reopenForChange(String environmentId, Instant now) {
        return resources.reopenReady(environmentId, now) + resources.reopenFailed(environmentId, now);
    }

    /** A retry: the failed steps are taken again, from where each stopped. */
    public int reopenFailed(String environmentId, Instant now) {
        return resources.reopenFailed(environmentId, now);
    }

    /** The records, as the journal has them. */
    public Map<ResourceKey, ResourceRecord> records(String environmentId) {
        return resources.byKey(environmentId);
    }

    /** The event of a transition: its type, the resource's kind, what it says, and how long it took (or null). */
    private record Told(
            EventType type,
            ResourceKind kind,
            String message,
            @Nullable Duration took) {}

    /** Moves the resource into {@code to} with {@code move}, and tells it, in one transaction. */
    private void transition(String environmentId, ResourceKey key, ResourceState to, IntSupplier move, Told told) {
        inTransaction(() -> {
            moved(move.getAsInt(), environmentId, key, to);
            tell(environmentId, key, told);
        });
    }

    /** Records a failed attempt and when the next is (null: none), and tells it, in one transaction. */
    private void attemptFailed(
            String environmentId, ResourceKey key, int attempts, String error, @Nullable Instant retryAt, Told told) {
        inTransaction(() -> {
            resources.retryAt(environmentId, key, attempts, error, retryAt);
            tell(environmentId, key, told);
        });
    }

    private void tell(String environmentId, ResourceKey key, Told told) {
        events.appendResourceEvent(
                environmentId, told.type(), key.value(), told.kind().name(), told.message(), told.took());
    }

    private void inTransaction(Runnable writes) {
        transaction.executeWithoutResult(tx -> writes.run());
    }

    /** Fails the transition that moved no row: the row was in a state it may not come from. */
    private void moved(int rows, String environmentId, ResourceKey key, ResourceState to) {
        if (rows == 0) {
            throw new IllegalTransitionException(
                    key,
                    resources.stateOf(environmentId, key).map(Enum::name).orElse(ResourceState.PLANNED.name()),
                    to);
        }
    }
}
