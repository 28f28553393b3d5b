package dev.plinth.security;

import dev.plinth.environment.Actor;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who made a request, as every check and every record of it sees them.
 *
 * @param name the JWT's {@code sub}, or the API token's name
 * @param team the team whose environments the caller acts on; empty only for an admin of every team
 * @param role the most the caller may do
 */
public record Caller(String name, Optional<String> team, Role role) {

    /** What a team's name may be: it is kept with the team's environments and tokens, and named in logs. */
    public static final Pattern TEAM_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** The bootstrap credential's name, which no API token may take. */
    public static final String BOOTSTRAP_ADMIN = "bootstrap-admin";

    /** The bootstrap credential: an admin of every team. */
    static Caller bootstrapAdmin() {
        return new Caller(BOOTSTRAP_ADMIN, Optional.empty(), Role.ADMIN);
    }

    /**
     * Whether the caller may see what belongs to {@code owner} (a team, or null for what belongs to no
     * team): an admin sees everything, anyone else only its own team's.
     */
    public boolean sees(@Nullable String owner) {
        return role == Role.ADMIN
                || (owner != null && team.isPresent() && team.get().equals(owner));
    }

    /** The caller a request authenticated as, if any: empty for one that was not (yet), or anonymous. */
    static Optional<Caller> of(@Nullable Authentication authentication) {
        return authentication != null && authentication.getPrincipal() instanceof Caller caller
                ? Optional.of(caller)
                : Optional.empty();
    }

    /** The caller of the request this thread serves, as {@link #of} reads it. */
    static Optional<Caller> current() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    /** The caller as the environment's timeline names them; what they create belongs to their team. */
    public Actor actor() {
        return new Actor(name, team.orElse(null));
    }

    /** The team whose things the caller may see, or empty when it may see every team's. */
    public Optional<String> visibleTeam() {
        return role == Role.ADMIN ? Optional.empty() : team;
    }
}
