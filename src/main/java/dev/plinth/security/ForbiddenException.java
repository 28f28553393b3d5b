package dev.plinth.security;

/** The caller is who it says, but may not do this: answered 403 naming the role it would need. */
public class ForbiddenException extends RuntimeException {

    private final Role needed;

    public ForbiddenException(Role needed, String message) {
        super(message);
        this.needed = needed;
    }

    public Role needed() {
        return needed;
    }
}
