package dev.plinth.security;

import dev.plinth.security.RateLimiter.CallerKey;
import dev.plinth.security.RateLimiter.Decision;
import dev.plinth.security.RateLimiter.Kind;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Counts each request of an authenticated caller against its bucket ({@link RateLimiter}) and answers 429
 * {@code application/problem+json} ({@code urn:plinth:problem:rate-limited}) with {@code Retry-After} when the
 * bucket is empty. It belongs after authentication and authorization: a request without a caller (a 401) or
 * one the caller may not make (a 403) is answered before it and takes no token. Health has a filter chain of
 * its own without it, so a probe is never limited.
 *
 * <p>Every request it counts is answered with {@code RateLimit-Limit} (the bucket's size), {@code
 * RateLimit-Remaining} (the tokens left) and {@code RateLimit-Reset} (seconds until the bucket is full again),
 * so that a client can slow down before it is refused.
 */
final class RateLimitFilter extends OncePerRequestFilter {

    private final RateLimiter limiter;
    private final JsonMapper json;

    RateLimitFilter(RateLimiter limiter, JsonMapper json) {
        this.limiter = limiter;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Caller> caller = Caller.current();
        if (caller.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        Decision decision = limiter.take(keyOf(caller.get(), request), Kind.of(request.getMethod()));
        response.setHeader("RateLimit-Limit", String.valueOf(decision.limit()));
        response.setHeader("RateLimit-Remaining", String.valueOf(decision.remaining()));
        response.setHeader("RateLimit-Reset", String.valueOf(decision.reset()));
        if (decision.allowed()) {
            chain.doFilter(request, response);
            return;
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.TOO_MANY_REQUESTS,
                "this caller's %ss are limited to %d per minute, in bursts of up to %d, on each replica; retry in %d s"
                        .formatted(
                                decision.kind().singular(),
                                decision.perMinute(),
                                decision.limit(),
                                decision.retryAfter()));
        problem.setType(URI.create("urn:plinth:problem:rate-limited"));
        problem.setTitle("Too many requests");
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(decision.retryAfter()));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    /**
     * The caller's key: how it authenticated, told apart as the security chain tells them apart (a JWS in
     * compact form has three dot-separated parts, plinth's own tokens have no dots), its name and team. The
     * credential itself is looked at for its form only, and kept nowhere.
     */
    static CallerKey keyOf(Caller caller, HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        boolean jwt = authorization != null && SecurityConfiguration.looksLikeJwt(authorization);
        return new CallerKey(jwt ? "jwt" : "token", caller.name(), caller.team());
    }
}
