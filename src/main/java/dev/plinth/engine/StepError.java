package dev.plinth.engine;

/**
 * A failed call, classified.
 *
 * @param code    the AWS error code, for example {@code DependencyViolation}
 * @param message the AWS message as AWS gave it
 */
public record StepError(Kind kind, String code, String message) {

    public enum Kind {
        /** AWS does not know the resource. Done, for a delete; eventual consistency, for anything else. */
        NOT_FOUND,
        /** Throttling, a 5xx answer, a network error: try again after a backoff. */
        RETRYABLE,
        /** Something else still uses the resource (ENIs on a subnet, a rule naming a group): try again until a deadline. */
        DEPENDENCY,
        /** Trying again will not help: a bad request, a quota, access denied. */
        TERMINAL
    }

    /** {@code code: message}, as shown in events and on the environment. */
    public String describe() {
        return code + ": " + message;
    }
}
