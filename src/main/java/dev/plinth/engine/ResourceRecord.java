package dev.plinth.engine;

import java.time.Instant;

/**
 * The engine's record of one resource, saved before and after every AWS call.
 *
 * @param attempts      failed attempts in a row at the current step, for backoff
 * @param nextAttemptAt when the engine should look at it again; null means now
 * @param updatedAt     when the state or id last changed
 */
public record ResourceRecord(
        String environmentId,
        ResourceKey key,
        String kind,
        ResourceState state,
        String physicalId,
        int attempts,
        String lastError,
        Instant nextAttemptAt,
        Instant createdAt,
        Instant updatedAt) {

    public boolean isDue(Instant now) {
        return nextAttemptAt == null || !nextAttemptAt.isAfter(now);
    }
}
