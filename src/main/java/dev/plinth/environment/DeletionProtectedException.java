package dev.plinth.environment;

import dev.plinth.spec.Violation;
import java.util.List;

/** The spec protects the database from deletion: teardown is refused until a change turns that off. */
public class DeletionProtectedException extends RuntimeException {

    public DeletionProtectedException(String id) {
        super("environment " + id + " has database.deletionProtection on: turn it off with PATCH first "
                + "(the database is then deleted with the rest)");
    }

    /** The spec's field that stands in the way. */
    public List<Violation> violations() {
        return List.of(new Violation(
                "database.deletionProtection",
                "deletion-protected",
                "turn it off with PATCH before deleting the environment"));
    }
}
