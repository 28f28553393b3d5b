package dev.plinth.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.plinth.environment.EnvironmentEvent;
import dev.plinth.environment.EventType;
import java.time.Instant;

/** One entry of the timeline. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record EventView(
        long id,
        Instant at,
        EventType type,
        String resourceKey,
        String kind,
        String message,
        Long durationMs,
        String actor) {

    static EventView of(EnvironmentEvent e) {
        return new EventView(
                e.id(),
                e.at(),
                e.type(),
                e.resourceKey(),
                e.kind(),
                e.message(),
                e.duration() == null ? null : e.duration().toMillis(),
                e.actor());
    }
}
