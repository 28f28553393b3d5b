package dev.plinth.environment;

/** Only a FAILED environment can be retried (a DELETE_FAILED one is retried with DELETE). */
public class NotRetryableException extends RuntimeException {

    private final EnvironmentStatus status;

    public NotRetryableException(String id, EnvironmentStatus status) {
        super("environment " + id + " is " + status + "; only a FAILED environment can be retried");
        this.status = status;
    }

    public EnvironmentStatus status() {
        return status;
    }
}
