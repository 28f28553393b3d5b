package dev.plinth.engine;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where one resource is, as the engine has recorded it. {@link #legalSources()} is the lifecycle: the
 * states a resource may come from into each state, which {@link ResourceJournal} enforces.
 */
public enum ResourceState {
    /** In the graph, not acted on yet. Never stored: a resource without a row is planned. */
    PLANNED,
    /** Creation is intended; the create call may or may not have reached AWS (observe finds out). */
    CREATING,
    /** AWS has it (the id is recorded) but it is not ready yet. */
    WAITING,
    /** AWS has it and it is ready; dependents may be created. */
    READY,
    /**
     * It was READY and is looked at again, after a spec change or for a repair: READY again without an event if it is
     * as the spec says, UPDATING if not. Its dependents wait for it.
     */
    CHECKING,
    /** An update call is changing it to match the spec; READY again once AWS says it is ready. */
    UPDATING,
    /** Creating it failed for good; {@code lastError} says why. */
    FAILED,
    /** A change needs a new one in its place: AWS has the old one, which is deleted before the new one is made. */
    REPLACING,
    /** Teardown has started on it; AWS may still have it. */
    DELETING,
    /** AWS no longer has it. */
    DELETED,
    /** Teardown kept it on purpose ({@code database.onDelete} {@code retain}): AWS still has it, tagged retained. */
    RETAINED;

    /** What may still exist in AWS: acted on and neither gone nor kept out of the engine's hands. */
    private static final Set<ResourceState> LIVE =
            EnumSet.of(CREATING, WAITING, READY, CHECKING, UPDATING, FAILED, REPLACING, DELETING);

    /**
     * The states from which a resource may move into this one. A row that does not exist is PLANNED.
     * Creation starts from nothing, from an attempt that left nothing, from one found gone while it was
     * waited for or looked at, from one deleted (a change brings it back) or from a failure asked to be
     * retried; only an update's check leads to an update; teardown and replacement start from anything
     * live (a replacement also from one whose delete a failure stopped).
     */
    public Set<ResourceState> legalSources() {
        return switch (this) {
            case PLANNED -> EnumSet.noneOf(ResourceState.class);
            case CREATING -> EnumSet.of(PLANNED, CREATING, WAITING, CHECKING, UPDATING, DELETED, FAILED);
            case WAITING -> EnumSet.of(CREATING, WAITING, CHECKING, UPDATING, DELETED, FAILED);
            case READY -> EnumSet.of(WAITING, CHECKING, UPDATING);
            case CHECKING -> EnumSet.of(READY);
            case UPDATING -> EnumSet.of(CHECKING);
            case FAILED -> EnumSet.of(PLANNED, CREATING, WAITING, CHECKING, UPDATING, DELETED);
            case REPLACING -> EnumSet.of(CREATING, WAITING, READY, CHECKING, UPDATING, FAILED, REPLACING, DELETING);
            case DELETING -> without(LIVE, DELETING);
            case DELETED, RETAINED -> EnumSet.copyOf(LIVE);
        };
    }

    /** Whether AWS may still have it. */
    public boolean isLive() {
        return LIVE.contains(this);
    }

    private static Set<ResourceState> without(Set<ResourceState> states, ResourceState left) {
        EnumSet<ResourceState> out = EnumSet.copyOf(states);
        out.remove(left);
        return out;
    }
}
