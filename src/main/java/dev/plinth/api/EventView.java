package dev.plinth.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.plinth.environment.EnvironmentEvent;
import dev.plinth.environment.EventType;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One entry of the timeline. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record EventView(
        long id,
        Instant at,
        EventType type,
        @Nullable String resourceKey,
        @Nullable String kind,
        String message,
        @Nullable Long durationMs,
        @Nullable String actor) {

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
