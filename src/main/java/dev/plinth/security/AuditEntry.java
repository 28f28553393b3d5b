package dev.plinth.security;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One request on record: who, as what, did what to which environment, and how it was answered.
 *
 * @param actor         a JWT's subject or an API token's name; null when authentication failed
 * @param route         the route's pattern ({@code /environments/{id}}), or the path when none was reached
 * @param environmentId the environment it was about, or the one it created
 * @param requestId     the {@code X-Request-Id} it was answered with (the caller's own, when it sent a usable one)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEntry(
        long id,
        Instant at,
        @Nullable String actor,
        @Nullable String team,
        @Nullable Role role,
        String method,
        String route,
        @Nullable String environmentId,
        int status,
        String requestId) {}
