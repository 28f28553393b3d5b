package dev.plinth.security;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** What a caller may do, each role all the ones before it may. */
public enum Role {
    /** Reads its team's environments, plans, events and resources. */
    VIEWER,
    /** Also creates, plans, changes, retries, reconciles and deletes its team's environments. */
    DEPLOYER,
    /** Everything, for every team. */
    ADMIN;

    /** Whether this role may do what {@code needed} may. */
    public boolean covers(Role needed) {
        return compareTo(needed) >= 0;
    }

    /** The role named {@code viewer}, {@code deployer} or {@code admin}, in any case. */
    public static Optional<Role> named(String name) {
        for (Role role : values()) {
            if (role.name().equals(name.toUpperCase(Locale.ROOT))) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /** How the API writes it: {@code viewer}, {@code deployer}, {@code admin}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
