package dev.plinth.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.plinth.security.ApiToken;
import dev.plinth.security.ApiTokens;
import dev.plinth.security.Caller;
import dev.plinth.security.Role;
import dev.plinth.spec.InvalidRequestException;
import dev.plinth.spec.Violation;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** API tokens for scripts and portals: minted once, listed without the secret, revoked at once. */
@RestController
@RequestMapping(path = "/tokens", produces = MediaType.APPLICATION_JSON_VALUE)
class TokenController {

    static final int DEFAULT_DAYS = 90;
    static final int MAX_DAYS = 365;
    /** Names appear in logs and the audit: the rule of team names, letters, digits, '.', '_' and '-' only. */
    static final Pattern NAME = Caller.TEAM_NAME;

    private static final Set<String> FIELDS = Set.of("name", "role", "expiresInDays", "team");

    /** The answer to a mint: the token is in it this once, and never again. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MintedToken(
            String id,
            String name,
            Role role,
            @Nullable String team,
            String createdBy,
            Instant createdAt,
            Instant expiresAt,
            String token) {}

    private final ApiTokens tokens;

    TokenController(ApiTokens tokens) {
        this.tokens = tokens;
    }

    /**
     * {@code {"name", "role", "expiresInDays"?, "team"?}}: the team is the caller's unless an admin names
     * another; the role at most the caller's.
     */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<MintedToken> mint(@AuthenticationPrincipal Caller caller, @RequestBody JsonNode body) {
        Request request = Request.read(body, caller);
        ApiTokens.Minted minted =
                tokens.mint(caller, request.name(), request.role(), request.team(), Duration.ofDays(request.days()));
        ApiToken about = minted.about();
        return ResponseEntity.created(URI.create("/tokens/" + about.id()))
                .body(new MintedToken(
                        about.id(),
                        about.name(),
                        about.role(),
                        about.team(),
                        about.createdBy(),
                        about.createdAt(),
                        about.expiresAt(),
                        minted.token()));
    }

    /** The caller's team's tokens not revoked; an admin sees every team's, or one's with {@code ?team=}. */
    @GetMapping
    Items<ApiToken> list(
            @AuthenticationPrincipal Caller caller, @RequestParam(required = false) @Nullable String team) {
        return new Items<>(tokens.list(caller, Optional.ofNullable(team)));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        if (!tokens.revoke(caller, id)) {
            throw new TokenNotFoundException(id);
        }
        return ResponseEntity.noContent().build();
    }

    static class TokenNotFoundException extends RuntimeException {
        TokenNotFoundException(String id) {
            super("no token " + id + " that is not revoked");
        }
    }

    private record Request(String name, Role role, int days, Optional<String> team) {

        static Request read(JsonNode body, Caller caller) {
            if (body == null || !body.isObject()) {
                throw new InvalidRequestException(List.of(
                        new Violation("", "type", "must be an object: {\"name\", \"role\", \"expiresInDays\"}")));
            }
            List<Violation> violations = new ArrayList<>();
            body.propertyNames().stream()
                    .filter(field -> !FIELDS.contains(field))
                    .forEach(field -> violations.add(
                            new Violation(field, "unknown-field", "is not a field here; known fields: " + FIELDS)));
            String name = text(body, "name", violations);
            if (name == null && !body.has("name")) {
                violations.add(new Violation("name", "required", "names the token, for lists and the audit"));
            } else if (name != null && !NAME.matcher(name).matches()) {
                violations.add(new Violation(
                        "name",
                        "pattern",
                        "must be 1 to 64 letters, digits, '.', '_' or '-', " + "starting with a letter or digit"));
            } else if (name != null && name.equals(Caller.BOOTSTRAP_ADMIN)) {
                violations.add(new Violation("name", "reserved", "names the bootstrap credential in the audit"));
            }
            String roleName = text(body, "role", violations);
            Optional<Role> role = Optional.ofNullable(roleName).flatMap(Role::named);
            if (roleName == null && !body.has("role")) {
                violations.add(new Violation("role", "required", "must be one of " + roles()));
            } else if (roleName != null && role.isEmpty()) {
                violations.add(new Violation("role", "one-of", "must be one of " + roles()));
            }
            int days = DEFAULT_DAYS;
            JsonNode expires = body.get("expiresInDays");
            if (expires != null && !expires.isIntegralNumber()) {
                violations.add(new Violation("expiresInDays", "type", "must be a whole number of days"));
            } else if (expires != null
                    && (!expires.canConvertToInt() || expires.intValue() < 1 || expires.intValue() > MAX_DAYS)) {
                violations.add(new Violation("expiresInDays", "range", "must be from 1 to " + MAX_DAYS));
            } else if (expires != null) {
                days = expires.intValue();
            }
            String teamName = text(body, "team", violations);
            if (teamName != null && !Caller.TEAM_NAME.matcher(teamName).matches()) {
                violations.add(new Violation("team", "pattern", "must be 1 to 64 letters, digits, '.', '_' or '-'"));
            }
            Optional<String> team = teamName != null ? Optional.of(teamName) : caller.team();
            if (team.isEmpty() && role.isPresent() && role.get() != Role.ADMIN) {
                violations.add(new Violation("team", "required", "a token below admin acts for one team: name it"));
            }
            if (!violations.isEmpty()) {
                throw new InvalidRequestException(violations);
            }
            // no violation: the name was there, and a string
            return new Request(Objects.requireNonNull(name), role.orElseThrow(), days, team);
        }

        /** The field's text; null when it is absent or not a string (then a violation says so). */
        private static @Nullable String text(JsonNode body, String field, List<Violation> violations) {
            JsonNode value = body.get(field);
            if (value == null) {
                return null;
            }
            if (!value.isString()) {
                violations.add(new Violation(field, "type", "must be a string"));
                return null;
            }
            return value.asString();
        }

        private static String roles() {
            return Arrays.stream(Role.values()).map(Role::wireName).toList().toString();
        }
    }
}
