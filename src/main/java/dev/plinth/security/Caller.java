package dev.plinth.security;

import java.util.Optional;

/**
 * Who made a request, as every check and every record of it sees them.
 *
 * @param name the JWT's {@code sub}, or the API token's name
 * @param team the team whose environments the caller acts on; empty for an admin of all teams
 * @param role the most the caller may do
 */
public record Caller(String name, Optional<String> team, Role role) {

    /** The bootstrap credential: an admin of every team. */
    static Caller bootstrapAdmin() {
        return new Caller("bootstrap-admin", Optional.empty(), Role.ADMIN);
    }
}
