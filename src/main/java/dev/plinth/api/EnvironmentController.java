package dev.plinth.api;

import dev.plinth.environment.Environment;
import dev.plinth.environment.EnvironmentNotFoundException;
import dev.plinth.environment.EnvironmentRepository;
import dev.plinth.environment.EnvironmentStatus;
import dev.plinth.environment.ViewVersion;
import dev.plinth.lifecycle.ChangePlans;
import dev.plinth.lifecycle.EnvironmentService;
import dev.plinth.lifecycle.Plan;
import dev.plinth.lifecycle.Retries;
import dev.plinth.lifecycle.Updates;
import dev.plinth.security.Caller;
import dev.plinth.spec.EnvironmentSpec;
import dev.plinth.spec.InvalidRequestException;
import dev.plinth.spec.Violation;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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

/** The environments API; openapi.yaml at the repository root describes it, and a test holds the two together. */
@RestController
@RequestMapping(path = "/environments", produces = MediaType.APPLICATION_JSON_VALUE)
class EnvironmentController {

    static final int MAX_IDEMPOTENCY_KEY = 255;
    static final int MAX_PAGE = 100;
    static final String MERGE_PATCH = "application/merge-patch+json";

    private final EnvironmentService environments;
    private final EnvironmentViews views;
    private final Retries retries;
    private final Updates updates;
    private final ChangePlans plans;
    private final SpecReader specs;

    EnvironmentController(
            EnvironmentService environments,
            EnvironmentViews views,
            Retries retries,
            Updates updates,
            ChangePlans plans,
            SpecReader specs) {
        this.updates = updates;
        this.plans = plans;
        this.environments = environments;
        this.views = views;
        this.retries = retries;
        this.specs = specs;
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
                .create(specs.whole(body), idempotencyKey, caller.actor())
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
     * The ETag names this view ({@link ViewVersion#etag}): a client polling with {@code If-None-Match}
     * is answered 304, after one query and without the view being built, until something it shows changes.
     * It also names the spec's revision, so it may be sent as {@code If-Match} while the spec is the same.
     */
    @GetMapping("/{id}")
    ResponseEntity<EnvironmentView> get(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) @Nullable String ifNoneMatch) {
        EnvironmentRepository.Viewed viewed = environments.viewed(id);
        Environment env = visible(caller, viewed.environment());
        String etag = viewed.view().etag(env);
        if (ifNoneMatch != null && EntityTags.anyMatches(ifNoneMatch, etag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
        }
        return ResponseEntity.ok().eTag(etag).body(views.view(env, etag));
    }

    @GetMapping("/{id}/resources")
    Items<ResourceView> resources(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        return new Items<>(views.resources(visible(caller, id)));
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
     * A JSON merge patch (RFC 7396) over the environment's spec as {@code GET} shows it; needs
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
        return accepted(updates.update(id, ifMatch, specs.patched(env.spec(), patch), replace, caller.actor()));
    }

    /** The whole new spec, as for {@code POST} (a preset with overrides too); needs {@code If-Match}. */
    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<EnvironmentView> replace(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String id,
            @RequestBody JsonNode body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @RequestParam(name = "replace", required = false) @Nullable List<String> replace) {
        visible(caller, id);
        return accepted(updates.update(id, ifMatch, specs.whole(body), replace, caller.actor()));
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
        EnvironmentSpec proposed = contentType.isCompatibleWith(MediaType.parseMediaType(MERGE_PATCH))
                ? specs.patched(env.spec(), body)
                : specs.whole(body);
        return ResponseEntity.ok().eTag(env.etag()).body(plans.forChange(env, proposed, replace));
    }

    private ResponseEntity<EnvironmentView> accepted(Environment env) {
        return ResponseEntity.accepted().eTag(env.etag()).body(views.view(env));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<EnvironmentView> delete(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        return accepted(environments.delete(visible(caller, id).id(), caller.actor()));
    }

    private Environment visible(Caller caller, String id) {
        return visible(environments, caller, id);
    }

    /**
     * The environment, if the caller may see it: another team's is answered exactly as one that does not
     * exist (404), so ids do not tell what other teams have. Every route of one environment asks this.
     */
    static Environment visible(EnvironmentService environments, Caller caller, String id) {
        return visible(caller, environments.get(id));
    }

    /** {@code env}, if the caller may see it; else as if it did not exist. */
    static Environment visible(Caller caller, Environment env) {
        if (!caller.sees(env.team())) {
            throw new EnvironmentNotFoundException(env.id());
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
