package dev.plinth.engine;

/** An attribute of an existing resource that is not what the spec asks for. */
public record Difference(String attribute, String expected, String actual) {

    @Override
    public String toString() {
        return attribute + " " + actual + " -> " + expected;
    }
}
