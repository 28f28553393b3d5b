package dev.plinth.environment;

/** Where an environment is in its life. */
public enum EnvironmentStatus {
    /** Accepted and stored; the engine has not picked it up yet. */
    PENDING,
    /** The engine is creating its resources. */
    PROVISIONING,
    /** Every resource exists and is ready; the outputs are complete. */
    READY,
    /**
     * A step failed for good; {@code failure} names the step and the AWS message. What was made stays:
     * {@code POST /environments/{id}/retry} resumes from the failed step, DELETE tears it down.
     */
    FAILED,
    /** Teardown was asked for: resources are being deleted in reverse dependency order. */
    DELETING,
    /** Every resource is gone from AWS; the record stays readable. */
    DELETED,
    /** Teardown stopped at a resource that could not be deleted; {@code failure} names it. DELETE again retries. */
    DELETE_FAILED;

    /** True while the engine still has work to do for this environment. */
    public boolean inFlight() {
        return this == PENDING || this == PROVISIONING || this == DELETING;
    }
}
