package dev.plinth.environment;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which part of an environment's timeline to read, in order of id.
 *
 * @param after       only events with a greater id: the last one a client has seen (0 for all)
 * @param resourceKey only the events of this resource; null for every event
 * @param types       only events of these types; empty for every type
 * @param limit       the most events to read
 */
public record EventQuery(long after, @Nullable String resourceKey, Set<EventType> types, int limit) {

    public EventQuery {
        types = Set.copyOf(types);
    }

    /** Every event after {@code after}, up to {@code limit}. */
    public static EventQuery after(long after, int limit) {
        return new EventQuery(after, null, Set.of(), limit);
    }
}
