package dev.plinth.environment;

/** The spec protects the database from deletion: teardown is refused until a change turns that off. */
public class DeletionProtectedException extends RuntimeException {

    public DeletionProtectedException(String id) {
        super("environment " + id + " has database.deletionProtection on: turn it off with PATCH first "
                + "(the database is then deleted with the rest)");
    }
}
