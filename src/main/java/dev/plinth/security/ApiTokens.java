package dev.plinth.security;

import dev.plinth.support.SqlTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Minting, listing, revoking and checking API tokens. A caller mints tokens for its own team (an admin
 * for any team) with at most its own role; the token is answered once and kept only as its hash.
 */
@Service
public class ApiTokens {

    private static final Logger log = LoggerFactory.getLogger(ApiTokens.class);
    /** How stale a token's last-used time may be: one write a minute per busy token, not one per request. */
    private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

    /** A token just minted: the only time {@code token} exists outside the caller's hands. */
    public record Minted(ApiToken about, String token) {}

    private final ApiTokenRepository tokens;
    private final Clock clock;

    ApiTokens(ApiTokenRepository tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    /**
     * @param team the team it acts for; empty only for an admin token of every team
     * @throws ForbiddenException when the caller may not give this role, or act for this team
     */
    public Minted mint(Caller caller, String name, Role role, Optional<String> team, Duration lifetime) {
        if (!caller.role().covers(role)) {
            throw new ForbiddenException(
                    role,
                    "a " + caller.role().wireName() + " mints tokens of at most its own role; a " + role.wireName()
                            + " token needs the role " + role.wireName());
        }
        if (caller.role() != Role.ADMIN && !team.equals(caller.team())) {
            throw new ForbiddenException(
                    Role.ADMIN,
                    "a " + caller.role().wireName()
                            + " mints tokens for its own team only; another team's needs the role admin");
        }
        if (team.isEmpty() && role != Role.ADMIN) {
            throw new IllegalArgumentException("a token of a role below admin acts for a team");
        }
        Instant now = SqlTime.now(clock);
        String token = TokenFormat.newToken();
        ApiToken about = new ApiToken(
                UUID.randomUUID().toString(),
                name,
                team.orElse(null),
                role,
                caller.name(),
                now,
                now.plus(lifetime),
                null);
        tokens.insert(about, TokenHash.of(token));
        log.info(
                "token {} ({}, {} of team {}) minted by {}",
                about.id(),
                name,
                role.wireName(),
                team.orElse("*"),
                caller.name());
        return new Minted(about, token);
    }

    /** The tokens the caller may see, not revoked: its team's, or every team's (or one's) for an admin. */
    public List<ApiToken> list(Caller caller, Optional<String> team) {
        Optional<String> visible = caller.visibleTeam();
        return tokens.listUnrevoked(visible.isPresent() ? visible : team);
    }

    /** @return false when there is no such token the caller may see (so ids of other teams do not leak) */
    public boolean revoke(Caller caller, String id) {
        Optional<ApiToken> token = tokens.findUnrevoked(id).filter(t -> caller.sees(t.team()));
        if (token.isEmpty() || !tokens.revoke(id, SqlTime.now(clock))) {
            return false;
        }
        log.info("token {} ({}) revoked by {}", id, token.get().name(), caller.name());
        return true;
    }

    /** The caller a token stands for, if it is a live token; its use is recorded. */
    Optional<Caller> authenticate(String token) {
        if (!TokenFormat.isWellFormed(token)) {
            return Optional.empty();
        }
        Instant now = SqlTime.now(clock);
        Optional<ApiToken> found = tokens.findLive(TokenHash.of(token), now);
        found.ifPresent(t -> tokens.touch(t.id(), now, now.minus(LAST_USED_PRECISION)));
        return found.map(ApiToken::caller);
    }
}
