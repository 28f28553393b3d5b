package dev.plinth.engine;

/** Where one resource is, as the engine has recorded it. */
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
    RETAINED
}
