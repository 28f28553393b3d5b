package dev.plinth.environment;

/** One change at a time: the environment is still working on the last one (or being torn down). */
public class ChangeInProgressException extends RuntimeException {

    private final EnvironmentStatus status;

    public ChangeInProgressException(String id, EnvironmentStatus status) {
        super("environment " + id + " is " + status + "; its spec can change once it is READY or FAILED");
        this.status = status;
    }

    public ChangeInProgressException(EnvironmentStatus status, String message) {
        super(message);
        this.status = status;
    }

    public EnvironmentStatus status() {
        return status;
    }
}
