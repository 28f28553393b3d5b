package dev.plinth.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of the timeline.
 *
 * @param nextCursor the id of the last item, to pass as {@code after} for the next page; absent when nothing
 *                   more matches now
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record EventPage(List<EventView> items, @Nullable Long nextCursor) {}
