package dev.plinth.api;

import dev.plinth.environment.EventLog;
import dev.plinth.environment.EventQuery;
import dev.plinth.environment.EventType;
import dev.plinth.lifecycle.EnvironmentService;
import dev.plinth.security.Caller;
import dev.plinth.spec.InvalidRequestException;
import dev.plinth.spec.Violation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** An environment's timeline, as far as the caller may see the environment. */
@RestController
@RequestMapping(path = "/environments", produces = MediaType.APPLICATION_JSON_VALUE)
class EventController {

    static final int MAX_EVENTS = 1000;

    private final EnvironmentService environments;
    private final EventLog events;

    EventController(EnvironmentService environments, EventLog events) {
        this.environments = environments;
        this.events = events;
    }

    /**
     * The timeline in order of id, from after the last id a client has seen, of one resource and of
     * some types if asked; {@code type} is repeated or comma-separated.
     */
    @GetMapping("/{id}/events")
    EventPage events(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String id,
            @RequestParam(defaultValue = "0") long after,
            @RequestParam(defaultValue = "" + MAX_EVENTS) int limit,
            @RequestParam(required = false) @Nullable String resource,
            @RequestParam(name = "type", required = false) @Nullable List<String> types) {
        EventQuery query = eventQuery(after, limit, resource, types == null ? List.of() : types);
        EventLog.Page page = events.list(
                EnvironmentController.visible(environments, caller, id).id(), query);
        List<EventView> items = page.events().stream().map(EventView::of).toList();
        return new EventPage(items, page.more() ? items.getLast().id() : null);
    }

    private static EventQuery eventQuery(long after, int limit, @Nullable String resource, List<String> types) {
        List<Violation> violations = new ArrayList<>();
        if (after < 0) {
            violations.add(new Violation("after", "range", "must be 0 or more: the last event id seen, or 0 for all"));
        }
        if (limit < 1 || limit > MAX_EVENTS) {
            violations.add(new Violation("limit", "range", "must be from 1 to " + MAX_EVENTS));
        }
        if (resource != null && resource.isBlank()) {
            violations.add(new Violation("resource", "not-blank", "must be a resource key, such as vpc"));
        }
        Set<EventType> typesAsked = EnumSet.noneOf(EventType.class);
        for (String type : types) {
            try {
                typesAsked.add(EventType.valueOf(type));
            } catch (IllegalArgumentException e) {
                violations.add(new Violation(
                        "type",
                        "one-of",
                        "unknown event type " + type + "; must be one of " + Arrays.toString(EventType.values())));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return new EventQuery(after, resource, typesAsked, limit);
    }
}
