package dev.plinth.security;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One of plinth's API tokens, as it is kept and listed: never the token itself.
 *
 * @param team       the team whose environments it acts on; null for an admin token of every team
 * @param createdBy  who minted it
 * @param lastUsedAt when it last authenticated a request, to the minute; null if never
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiToken(
        String id,
        String name,
        @Nullable String team,
        Role role,
        String createdBy,
        Instant createdAt,
        Instant expiresAt,
        @Nullable Instant lastUsedAt) {

    /** The caller a request made with this token is. */
    Caller caller() {
        return new Caller(name, Optional.ofNullable(team), role);
    }
}
