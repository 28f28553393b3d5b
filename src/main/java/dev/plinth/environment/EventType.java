package dev.plinth.environment;

/** What happened, in an environment's timeline. */
public enum EventType {
    /** The request was accepted and stored. */
    ACCEPTED,
    /** The engine began creating the environment's resources. */
    PROVISIONING_STARTED,
    /** A create call for a resource is about to be made. */
    CREATE_STARTED,
    /**
     * A resource was found in AWS that the engine had not recorded: an earlier create call whose answer was lost
     * made it, or the recorded one is gone and this one carries its tags or name. Never a resource whose id the
     * engine recorded.
     */
    ADOPTED,
    /** Written by earlier versions for a change in place; now {@link #UPDATE_STARTED} and {@link #UPDATE_FINISHED}. */
    UPDATED,
    /** A resource is not ready (or gone) yet; the message says what AWS is still doing. Written when that changes. */
    WAITING,
    /** A resource became ready; the duration runs from the intent to create it. */
    CREATE_FINISHED,
    /**
     * An update call for an existing resource is about to be made; the message names the attributes it changes,
     * from what AWS has to what the spec says. After a spec change or for a repair it is ended by
     * {@link #UPDATE_FINISHED}; right after a create (settings the create call cannot make), by {@link #CREATE_FINISHED}.
     */
    UPDATE_STARTED,
    /** A resource an update changed is ready again; the duration runs from the update's start. */
    UPDATE_FINISHED,
    /** A resource being updated failed, or its update call failed for good; the message has the reason. */
    UPDATE_FAILED,
    /** A call failed in a way worth retrying; the message has the AWS error and when the next try is. */
    RETRY_SCHEDULED,
    /** A resource could not be created; the message has the AWS error. */
    CREATE_FAILED,
    /** Every resource is ready. */
    READY,
    /** The environment stopped at a failed step. */
    FAILED,
    /** The spec was changed; the message names the fields. Provisioning converges to the new spec. */
    SPEC_CHANGED,
    /** Provisioning was asked to resume from the step that failed. */
    RETRY_REQUESTED,
    /** Teardown was asked for. */
    DELETE_REQUESTED,
    /** A delete call for a resource is about to be made. */
    DELETE_STARTED,
    /** A resource is gone from AWS. */
    DELETE_FINISHED,
    /** Teardown kept a resource on purpose ({@code database.onDelete} {@code retain}) and tagged it retained. */
    RETAINED,
    /** Every resource is gone, or retained. */
    DELETED,
    /** Teardown stopped at a resource that could not be deleted. */
    DELETE_FAILED,
    /** A check found resources that are no longer as the spec says; the message lists the differences. */
    DRIFT_DETECTED,
    /** A check could not look at a resource; the message has the AWS error. Nothing was recorded as drift. */
    DRIFT_CHECK_FAILED,
    /** The engine began changing drifted resources (and what depends on them) back to the spec. */
    REPAIR_STARTED
}
