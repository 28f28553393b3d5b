package dev.plinth.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Puts every state-changing request and every refusal of a credential or a role (401, 403) on record, once
 * it is answered: who,
 * as what, which route, which environment, the status. Runs inside the security context's filter, so it
 * sees the caller authentication found, and outside authentication, so it sees the 401s. Every answer
 * carries an {@code X-Request-Id}: the caller's, when it sent a usable one, else a new one.
 */
final class AuditFilter extends OncePerRequestFilter {

    static final String REQUEST_ID = "X-Request-Id";
    private static final Logger log = LoggerFactory.getLogger(AuditFilter.class);
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Pattern USABLE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern CREATED = Pattern.compile("/environments/([0-9a-f-]{36})");
    private static final int MAX_ROUTE = 200;
    private static final int ENVIRONMENT_ID = 36;

    private final AuditLog audit;
    private final Clock clock;

    AuditFilter(AuditLog audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String sent = request.getHeader(REQUEST_ID);
        String requestId = sent != null && USABLE_REQUEST_ID.matcher(sent).matches()
                ? sent
                : UUID.randomUUID().toString();
        response.setHeader(REQUEST_ID, requestId);
        try {
            chain.doFilter(request, response);
        } finally {
            int status = response.getStatus();
            if (!READS.contains(request.getMethod())
                    || status == HttpServletResponse.SC_UNAUTHORIZED
                    || status == HttpServletResponse.SC_FORBIDDEN) {
                record(request, response, requestId);
            }
        }
    }

    private void record(HttpServletRequest request, HttpServletResponse response, String requestId) {
        Caller caller = Caller.current().orElse(null);
        String pattern = (String) request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String route = pattern != null
                ? pattern
                : request.getRequestURI().substring(request.getContextPath().length());
        AuditEntry entry = new AuditEntry(
                0,
                clock.instant(),
                caller == null ? null : caller.name(),
                caller == null ? null : caller.team().orElse(null),
                caller == null ? null : caller.role(),
                request.getMethod(),
                route.length() > MAX_ROUTE ? route.substring(0, MAX_ROUTE) : route,
                environmentId(request, response, pattern),
                response.getStatus(),
                requestId);
        try {
            audit.append(entry);
        } catch (RuntimeException e) {
            // the answer is gone already: the failure is what can still be told
            log.error(
                    "could not put {} {} by {} ({}) on the audit record",
                    entry.method(),
                    entry.route(),
                    entry.actor(),
                    requestId,
                    e);
        }
    }

    /** The environment a request named in its path, or the one a create answered with. */
    private static @Nullable String environmentId(
            HttpServletRequest request, HttpServletResponse response, @Nullable String pattern) {
        if (pattern != null
                && pattern.startsWith("/environments/{id}")
                && request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
                && variables.get("id") instanceof String id) {
            return id.length() <= ENVIRONMENT_ID ? id : null;
        }
        String location = response.getHeader(HttpHeaders.LOCATION);
        Matcher created = location == null ? null : CREATED.matcher(location);
        return created != null && created.matches() ? created.group(1) : null;
    }
}
