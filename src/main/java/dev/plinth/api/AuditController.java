package dev.plinth.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.plinth.security.AuditEntry;
import dev.plinth.security.AuditLog;
import dev.plinth.spec.InvalidRequestException;
import dev.plinth.spec.Violation;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Who did what, for admins: every state-changing request and every authentication failure, newest first. */
@RestController
@RequestMapping(path = "/audit", produces = MediaType.APPLICATION_JSON_VALUE)
class AuditController {

    static final int MAX_PAGE = 500;

    /** One page; {@code nextPageToken} is absent on the last. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Page(List<AuditEntry> items, @Nullable String nextPageToken) {}

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping
    Page list(
            @RequestParam(required = false) @Nullable String environment,
            @RequestParam(required = false) @Nullable String actor,
            @RequestParam(required = false) @Nullable String since,
            @RequestParam(required = false) @Nullable String pageToken,
            @RequestParam(defaultValue = "100") int limit) {
        List<Violation> violations = new ArrayList<>();
        Instant from = null;
        if (since != null) {
            try {
                from = Instant.parse(since);
            } catch (DateTimeParseException e) {
                violations.add(new Violation(
                        "since", "date-time", "must be an ISO-8601 instant, such as 2026-12-01T00:00:00Z"));
            }
        }
        Long before = null;
        if (pageToken != null) {
            try {
                before = Long.parseLong(pageToken);
            } catch (NumberFormatException e) {
                violations.add(new Violation("pageToken", "page-token", "must be a nextPageToken this route answered"));
            }
        }
        if (limit < 1 || limit > MAX_PAGE) {
            violations.add(new Violation("limit", "range", "must be from 1 to " + MAX_PAGE));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        List<AuditEntry> found = audit.list(new AuditLog.Query(environment, actor, from, before, limit));
        return found.size() > limit
                ? new Page(
                        found.subList(0, limit),
                        String.valueOf(found.get(limit - 1).id()))
                : new Page(found, null);
    }
}
