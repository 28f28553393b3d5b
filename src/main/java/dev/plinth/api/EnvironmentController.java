package dev.plinth.api;

import dev.plinth.environment.Environment;
import dev.plinth.environment.EnvironmentNotFoundException;
import dev.plinth.environment.EnvironmentStatus;
import dev.plinth.environment.EventLog;
import dev.plinth.environment.EventQuery;
import dev.plinth.environment.EventType;
import dev.plinth.lifecycle.ChangePlans;
import dev.plinth.lifecycle.EnvironmentService;
import dev.plinth.lifecycle.Plan;
import dev.plinth.lifecycle.Retries;
import dev.plinth.lifecycle.Updates;
import dev.plinth.presets.PresetCatalog;
import dev.plinth.security.Caller;
import dev.plinth.spec.EnvironmentSpec;
import dev.plinth.spec.InvalidRequestException;
import dev.plinth.spec.Violation;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The environments API; openapi.yaml at the repository root describes it, and a test holds the two together. */
@RestController
@RequestMapping(path = "/environments", produces = MediaType.APPLICATION_JSON_VALUE)
class EnvironmentController {

    static final int MAX_IDEMPOTENCY_KEY = 255;
    static final int MAX_PAGE = 100;
    static final String MERGE_PATCH = "application/merge-patch+json";
    static final int MAX_EVENTS = 1000;

    private final EnvironmentService environments;
    private final EnvironmentViews views;
    private final EventLog events;
    private final Retries retries;
    private final Updates updates;
    private final ChangePlans plans;
    private final PresetCatalog presets;
    private final SpecReader specs;
    private final JsonMapper json;

    EnvironmentController(
            EnvironmentService environments,
            EnvironmentViews views,
            EventLog events,
            Retries retries,
            Updates updates,
            ChangePlans plans,
            PresetCatalog presets,
            SpecReader specs,
            JsonMapper json) {
        this.updates = updates;
        this.plans = plans;
        this.environments = environments;
        this.views = views;
        this.events = events;
        this.retries = retries;
        this.presets = presets;
        this.specs = specs;
        this.json = json;
    }

    /** The body is a spec, or a {@code preset} name with overrides merged over the preset's spec. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<EnvironmentView> create(
            @AuthenticationPrincipal Caller caller,
            @RequestBody JsonNode body,
            @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY)) {
            throw new InvalidRequestException(List.of(
                    new Violation("Idempotency-Key", "length", "must be 1 to " + MAX_IDEMPOTENCY_KEY + " characters")));
        }
        Environment env = environments
                .create(spec(presets.resolve(body)), idempotencyKey, caller.actor())
                .environment();
        return ResponseEntity.accepted()
                .location(URI.create("/environments/" + env.id()))
                .eTag(env.etag())
                .body(views.view(env));
    }

    /** The environments the caller may see: its team's, or every team's for an admin. */
    @GetMapping
    EnvironmentSummary.Page list(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String name,
            @RequestParam(required = false) @Nullable String pageToken,
            @RequestParam(defaultValue = "20") int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidRequestException(
                    List.of(new Violation("limit", "range", "must be from 1 to " + MAX_PAGE)));
        }
        var page = environments.list(caller.visibleTeam(), parseStatus(status), name, pageToken, limit);
        return new EnvironmentSummary.Page(
                page.items().stream().map(EnvironmentSummary::of).toList(), page.nextPageToken());
    }

    /**
     * The ETag names the spec's revision, not this view, which changes with the status: it is set on the
     * response itself, as Spring answers 304 to {@code If-None-Match} only for a {@link ResponseEntity}.
     */
    @GetMapping("/{id}")
    EnvironmentView get(@AuthenticationPrincipal Caller caller, @PathVariable String id, HttpServletResponse response) {
        Environment env = visible(caller, id);
        response.setHeader(HttpHeaders.ETAG, env.etag());
        return views.view(env);
    }

    @GetMapping("/{id}/resources")
    Items<ResourceView> resources(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        return new Items<>(views.resources(visible(caller, id)));
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
        EventLog.Page page = events.list(visible(caller, id).id(), query);
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

    @PostMapping("/{id}/retry")
    ResponseEntity<EnvironmentView> retry(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        return accepted(retries.retry(visible(caller, id).id(), caller.actor()));
    }

    /** Looks at every resource of a READY environment now, and changes what drifted back to the spec. */
    @PostMapping("/{id}/reconcile")
    ResponseEntity<EnvironmentView> reconcile(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        return accepted(retries.reconcile(visible(caller, id).id()));
    }

    /**
     * A JSON merge patch (RFC 7386) over the environment's spec as {@code GET} shows it; needs
     * {@code If-Match} with the ETag it was read at.
     */
    @PatchMapping(
            path = "/{id}",
            consumes = {MERGE_PATCH, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<EnvironmentView> patch(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String id,
            @RequestBody JsonNode patch,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @RequestParam(name = "replace", required = false) @Nullable List<String> replace) {
        Environment env = visible(caller, id);
        return accepted(updates.update(id, ifMatch, proposed(env, patch, true), replace, caller.actor()));
    }

    /** The whole new spec, as for {@code POST} (a preset with overrides too); needs {@code If-Match}. */
    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<EnvironmentView> replace(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String id,
            @RequestBody JsonNode body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @RequestParam(name = "replace", required = false) @Nullable List<String> replace) {
        Environment env = visible(caller, id);
        return accepted(updates.update(id, ifMatch, proposed(env, body, false), replace, caller.actor()));
    }

    /**
     * What a change would do, without doing it: a whole spec ({@code application/json}, as for PUT) or
     * a merge patch over the current one. Its ETag is the one of the spec it was planned over: a change
     * sent with it as {@code If-Match} is applied only to that spec.
     */
    @PostMapping(
            path = "/{id}/plan",
            consumes = {MediaType.APPLICATION_JSON_VALUE, MERGE_PATCH})
    ResponseEntity<Plan> plan(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String id,
            @RequestBody JsonNode body,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE) MediaType contentType,
            @RequestParam(name = "replace", required = false) @Nullable List<String> replace) {
        Environment env = visible(caller, id);
        boolean mergePatch = contentType.isCompatibleWith(MediaType.parseMediaType(MERGE_PATCH));
        return ResponseEntity.ok()
                .eTag(env.etag())
                .body(plans.forChange(env, proposed(env, body, mergePatch), replace));
    }

    private EnvironmentSpec spec(JsonNode tree) {
        return specs.read(tree);
    }

    /**
     * The spec a change proposes: a merge patch over the environment's as {@code GET} shows it, or a
     * whole spec (a preset with overrides too).
     */
    private EnvironmentSpec proposed(Environment env, JsonNode body, boolean mergePatch) {
        return spec(mergePatch ? PresetCatalog.mergePatch(json.valueToTree(env.spec()), body) : presets.resolve(body));
    }

    private ResponseEntity<EnvironmentView> accepted(Environment env) {
        return ResponseEntity.accepted().eTag(env.etag()).body(views.view(env));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<EnvironmentView> delete(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        return accepted(environments.delete(visible(caller, id).id(), caller.actor()));
    }

    /**
     * The environment, if the caller may see it: another team's is answered exactly as one that does not
     * exist (404), so ids do not tell what other teams have.
     */
    private Environment visible(Caller caller, String id) {
        Environment env = environments.get(id);
        if (!caller.sees(env.team())) {
            throw new EnvironmentNotFoundException(id);
        }
        return env;
    }

    private static @Nullable EnvironmentStatus parseStatus(@Nullable String status) {
        if (status == null) {
            return null;
        }
        try {
            return EnvironmentStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(List.of(new Violation(
                    "status", "one-of", "must be one of " + Arrays.toString(EnvironmentStatus.values()))));
        }
    }
}
