package dev.plinth.environment;

/** An Idempotency-Key that was used before came back with a different body. */
public class IdempotencyKeyReusedException extends RuntimeException {

    private final String environmentId;

    public IdempotencyKeyReusedException(String environmentId) {
        super("this Idempotency-Key was already used, with a different body, to create environment " + environmentId);
        this.environmentId = environmentId;
    }

    public String environmentId() {
        return environmentId;
    }
}
