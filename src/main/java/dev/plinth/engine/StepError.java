package dev.plinth.engine;

/**
 * A failed call, classified.
 *
 * @param code    the AWS error code, for example {@code DependencyViolation}
 * @param message the AWS message as AWS gave it
 * @param retry   how it is tried again; null for a {@link Kind#TERMINAL} error
 */
public record StepError(Kind kind, String code, String message, Backoff retry) {

    public enum Kind {
        /** AWS does not know the resource. Done, for a delete; eventual consistency, for anything else. */
        NOT_FOUND,
        /** Throttling, a 5xx answer, a network error, a change AWS has not propagated yet: try again after a backoff. */
        RETRYABLE,
        /** Something else still uses the resource (ENIs on a subnet, a rule naming a group): try again until a deadline. */
        DEPENDENCY,
        /** Trying again will not help: a bad request, a quota, access denied. */
        TERMINAL
    }

    public StepError {
        if ((kind == Kind.TERMINAL) != (retry == null)) {
            throw new IllegalArgumentException(
                    "a terminal error has no retry, any other has one: " + kind + ", " + retry);
        }
    }

    public static StepError terminal(String code, String message) {
        return new StepError(Kind.TERMINAL, code, message, null);
    }

    /** {@code code: message}, as shown in events and on the environment. */
    public String describe() {
        return code + ": " + message;
    }
}
