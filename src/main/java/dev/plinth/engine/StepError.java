package dev.plinth.engine;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A failed call, classified.
 *
 * @param code    the AWS error code, for example {@code DependencyViolation}
 * @param message the AWS message as AWS gave it
 * @param retry   how it is tried again; null for a {@link Kind#TERMINAL} error
 */
public record StepError(
        Kind kind, String code, String message, @Nullable Backoff retry) {

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

    /** The backoff of an error that is retried: every kind but a terminal one has it. */
    public Backoff backoff() {
        return Objects.requireNonNull(retry, () -> code + " is terminal: it is not retried");
    }

    /** {@code code: message}, as shown in events and on the environment. */
    public String describe() {
        return code + ": " + message;
    }
}
