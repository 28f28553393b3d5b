package dev.plinth.spec;

import com.fasterxml.jackson.annotation.JsonValue;

/** What the periodic check does when it finds an environment's resources no longer as its spec says. */
public enum DriftPolicy {
    /** Records the drift (on the environment, in its events and metrics) and changes nothing. */
    REPORT("report"),
    /** Records the drift, then changes the resources back to the spec: recreates what is gone, reverts the rest. */
    REPAIR("repair");

    private final String wireName;

    DriftPolicy(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
