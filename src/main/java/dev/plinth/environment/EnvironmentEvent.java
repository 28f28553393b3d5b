package dev.plinth.environment;

import java.time.Duration;
import java.time.Instant;

/**
 * One entry of an environment's timeline.
 *
 * @param resourceKey the step, or null for events of the whole environment
 * @param duration    how long the step took, on events that end one
 */
public record EnvironmentEvent(
        long id, String environmentId, Instant at, EventType type, String resourceKey, String kind,
        String message, Duration duration) {}
