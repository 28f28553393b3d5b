package dev.plinth.environment;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One entry of an environment's timeline.
 *
 * @param resourceKey the step, or null for events of the whole environment
 * @param duration    how long the step took, on events that end one
 * @param actor       who asked for it, on events a request caused; null for what the engine does on its own
 */
public record EnvironmentEvent(
        long id,
        String environmentId,
        Instant at,
        EventType type,
        @Nullable String resourceKey,
        @Nullable String kind,
        String message,
        @Nullable Duration duration,
        @Nullable String actor) {}
