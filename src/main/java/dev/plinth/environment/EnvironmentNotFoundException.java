package dev.plinth.environment;

public class EnvironmentNotFoundException extends RuntimeException {
    public EnvironmentNotFoundException(String id) {
        super("no environment with id " + id);
    }
}
