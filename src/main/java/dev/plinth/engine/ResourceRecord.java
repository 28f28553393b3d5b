package dev.plinth.engine;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The engine's record of one resource, saved before and after every AWS call.
 *
 * @param attempts      failed attempts in a row at the current step, for backoff
 * @param nextAttemptAt when the engine should look at it again; null means now
 * @param attributes    what it published when it became ready (see {@link Observation#attributes()})
 * @param waitingSince  when it started waiting to become ready, for the readiness timeout of its kind
 * @param createdAt     when the engine intended to create it; for one created again because it was gone, the
 *                      new intent
 * @param updatedAt     when the state or id last changed
 * @param waitingFor    what AWS is still doing before it is ready (or gone), as its handler last read it;
 *                      null when the engine waits for nothing of AWS's
 */
public record ResourceRecord(
        String environmentId,
        ResourceKey key,
        String kind,
        ResourceState state,
        @Nullable String physicalId,
        int attempts,
        @Nullable String lastError,
        @Nullable Instant nextAttemptAt,
        Map<String, String> attributes,
        @Nullable Instant waitingSince,
        Instant createdAt,
        Instant updatedAt,
        @Nullable String waitingFor) {

    public ResourceRecord {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public boolean isDue(Instant now) {
        return nextAttemptAt == null || !nextAttemptAt.isAfter(now);
    }
}
