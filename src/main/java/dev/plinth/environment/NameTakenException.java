package dev.plinth.environment;

/** Another environment that is not DELETED already has this name. */
public class NameTakenException extends RuntimeException {

    private final String name;

    public NameTakenException(String name) {
        super("an environment named '" + name + "' already exists and is not DELETED");
        this.name = name;
    }

    public String name() {
        return name;
    }
}
