package dev.plinth.environment;

import dev.plinth.spec.Violation;
import java.util.List;

/** Another environment that is not DELETED already has this name. */
public class NameTakenException extends RuntimeException {

    private final String name;

    public NameTakenException(String name) {
        super("an environment named '" + name + "' already exists and is not DELETED");
        this.name = name;
    }

    /** The request's field that broke the rule: its name must be unique among the live environments. */
    public List<Violation> violations() {
        return List.of(
                new Violation("name", "unique", "another environment that is not DELETED is named '" + name + "'"));
    }
}
