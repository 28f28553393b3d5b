package dev.plinth.environment;

/**
 * A change asked for without the environment's current ETag in {@code If-Match} ({@code required}:
 * none was given, 428), or with another one (412): someone changed it since the caller read it.
 */
public class PreconditionException extends RuntimeException {

    private final boolean required;
    private final String currentEtag;

    public PreconditionException(boolean required, String currentEtag) {
        super(
                required
                        ? "a change needs If-Match with the environment's current ETag (GET it first); it is "
                                + currentEtag
                        : "the environment changed since that ETag; it is now " + currentEtag
                                + ": GET it, and change that");
        this.required = required;
        this.currentEtag = currentEtag;
    }

    public boolean required() {
        return required;
    }

    public String currentEtag() {
        return currentEtag;
    }
}
