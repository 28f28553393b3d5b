package dev.plinth.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401 and 403 as every other error of plinth: {@code application/problem+json}. A 401 carries
 * {@code WWW-Authenticate: Bearer} (RFC 6750); neither says more than that the credential did not do.
 */
final class ProblemEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final JsonMapper json;

    ProblemEntryPoint(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        boolean presented = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, presented ? "Bearer error=\"invalid_token\"" : "Bearer");
        write(
                response,
                problem(
                        request,
                        HttpStatus.UNAUTHORIZED,
                        "unauthenticated",
                        "Unauthenticated",
                        presented
                                ? "the bearer credential is unknown, expired, revoked or badly signed"
                                : "a bearer credential is needed: Authorization: Bearer <token>"));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        Role needed = RouteRoles.needed(request);
        ProblemDetail problem = problem(
                request,
                HttpStatus.FORBIDDEN,
                "forbidden",
                "Forbidden",
                "this needs the role " + needed.wireName() + " or higher");
        problem.setProperty("neededRole", needed);
        write(response, problem);
    }

    private static ProblemDetail problem(
            HttpServletRequest request, HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:plinth:problem:" + type));
        problem.setTitle(title);
        problem.setInstance(URI.create(request.getRequestURI()));
        return problem;
    }

    private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
