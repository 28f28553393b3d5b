package dev.plinth.api;

import dev.plinth.aws.orphans.NotAnOrphanException;
import dev.plinth.aws.preflight.PreflightRefusedException;
import dev.plinth.environment.ChangeInProgressException;
import dev.plinth.environment.DeletionProtectedException;
import dev.plinth.environment.EnvironmentNotFoundException;
import dev.plinth.environment.IdempotencyKeyReusedException;
import dev.plinth.environment.NameTakenException;
import dev.plinth.environment.NotRetryableException;
import dev.plinth.environment.PreconditionException;
import dev.plinth.environment.RegionCatalog.RegionUnavailableException;
import dev.plinth.security.ForbiddenException;
import dev.plinth.spec.InvalidRequestException;
import dev.plinth.spec.Violation;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error as RFC 9457 {@code application/problem+json}: a stable {@code type}, and for bad input a
 * {@code violations} list naming each field and the rule it breaks. No stack trace ever leaves.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    static final String TYPE_PREFIX = "urn:plinth:problem:";
    /** The parameter Tomcat names in "Character decoding failed. Parameter [type] with value ...". */
    private static final Pattern PARAMETER_NAME = Pattern.compile("Parameter \\[([^\\]]{1,100})]");

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalid(InvalidRequestException e) {
        return invalid(e.violations());
    }

    @ExceptionHandler(NameTakenException.class)
    ProblemDetail nameTaken(NameTakenException e) {
        return problem(
                HttpStatus.CONFLICT,
                "name-taken",
                "Name taken",
                e.getMessage(),
                "violations",
                List.of(new Violation(
                        "name", "unique", "another environment that is not DELETED is named '" + e.name() + "'")));
    }

    /** An environment, a token or a preset that is not there (or not the caller's to see). */
    @ExceptionHandler({
        EnvironmentNotFoundException.class,
        TokenController.TokenNotFoundException.class,
        PresetController.PresetNotFoundException.class
    })
    ProblemDetail notFound(RuntimeException e) {
        String what = switch (e) {
            case EnvironmentNotFoundException notFound -> "environment";
            case TokenController.TokenNotFoundException notFound -> "token";
            default -> "preset";
        };
        return problem(HttpStatus.NOT_FOUND, "not-found", "No such " + what, e.getMessage());
    }

    /** The same answer as a route the caller's role may not take: the role it would need. */
    @ExceptionHandler(ForbiddenException.class)
    ProblemDetail forbidden(ForbiddenException e) {
        return problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", e.getMessage(), "neededRole", e.needed());
    }

    @ExceptionHandler(IdempotencyKeyReusedException.class)
    ProblemDetail keyReused(IdempotencyKeyReusedException e) {
        return problem(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "idempotency-key-reused",
                "Idempotency-Key reused",
                e.getMessage(),
                "environmentId",
                e.environmentId());
    }

    @ExceptionHandler(PreflightRefusedException.class)
    ProblemDetail preflightRefused(PreflightRefusedException e) {
        return problem(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "preflight-refused",
                "The account would refuse this environment",
                e.getMessage(),
                "findings",
                e.findings());
    }

    @ExceptionHandler(NotRetryableException.class)
    ProblemDetail notRetryable(NotRetryableException e) {
        return problem(
                HttpStatus.CONFLICT, "not-retryable", "Not retryable", e.getMessage(), "environmentStatus", e.status());
    }

    @ExceptionHandler(PreconditionException.class)
    ProblemDetail precondition(PreconditionException e) {
        ProblemDetail problem = e.required()
                ? problem(
                        HttpStatus.PRECONDITION_REQUIRED, "precondition-required", "If-Match required", e.getMessage())
                : problem(HttpStatus.PRECONDITION_FAILED, "precondition-failed", "Changed since read", e.getMessage());
        problem.setProperty("currentEtag", e.currentEtag());
        return problem;
    }

    @ExceptionHandler(DeletionProtectedException.class)
    ProblemDetail deletionProtected(DeletionProtectedException e) {
        return problem(
                HttpStatus.CONFLICT,
                "deletion-protected",
                "Deletion protected",
                e.getMessage(),
                "violations",
                List.of(new Violation(
                        "database.deletionProtection",
                        "deletion-protected",
                        "turn it off with PATCH before deleting the environment")));
    }

    @ExceptionHandler(ChangeInProgressException.class)
    ProblemDetail changeInProgress(ChangeInProgressException e) {
        return problem(
                HttpStatus.CONFLICT,
                "change-in-progress",
                "Change in progress",
                e.getMessage(),
                "environmentStatus",
                e.status());
    }

    @ExceptionHandler(NotAnOrphanException.class)
    ProblemDetail notAnOrphan(NotAnOrphanException e) {
        return problem(
                HttpStatus.CONFLICT, "not-an-orphan", "Not an orphan", e.getMessage(), "violations", e.violations());
    }

    @ExceptionHandler(RegionUnavailableException.class)
    ProblemDetail awsUnavailable(RegionUnavailableException e) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "aws-unavailable", "AWS unavailable", e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail parameterType(MethodArgumentTypeMismatchException e) {
        return invalid(
                List.of(new Violation(e.getName(), "type", "must be " + TypeErrors.typeName(e.getRequiredType()))));
    }

    /**
     * A query parameter that is not UTF-8 once percent-decoded ({@code ?type=%ff}): the server cannot
     * read it, and says which ("Character decoding failed. Parameter [type] ...").
     */
    @ExceptionHandler(InvalidParameterException.class)
    ProblemDetail undecodableParameter(InvalidParameterException e) {
        Matcher named = PARAMETER_NAME.matcher(String.valueOf(e.getMessage()));
        return invalid(List.of(
                new Violation(named.find() ? named.group(1) : "", "encoding", "must be UTF-8, percent-encoded")));
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        String incident = UUID.randomUUID().toString();
        log.error("unexpected error, incident {}", incident, e);
        return problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal-error",
                "Internal error",
                "an unexpected error; it was logged as incident " + incident,
                "incident",
                incident);
    }

    /** Unreadable bodies: malformed JSON, unknown fields, wrong types, unknown enum values. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Violation violation = e.getCause() instanceof JacksonException jackson
                ? violationOf(jackson)
                : new Violation("", "required", "a JSON body is required");
        return ResponseEntity.badRequest().body(invalid(List.of(violation)));
    }

    /** A body that is JSON but does not bind to a spec (after a preset was merged in). */
    @ExceptionHandler(DatabindException.class)
    ProblemDetail unbindable(DatabindException e) {
        return invalid(List.of(violationOf(e)));
    }

    /** Spring's own problems (415, 405, 406, 404 for unknown paths) get a type like ours. */
    @Override
    protected @Nullable ResponseEntity<Object> handleExceptionInternal(
            Exception e, @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // NOTE: Spring passes a null body here and builds the ProblemDetail in super
        @Nullable ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, status, request);
        if (response != null
                && response.getBody() instanceof ProblemDetail problem
                && (problem.getType() == null || problem.getType().equals(URI.create("about:blank")))) {
            problem.setType(URI.create(TYPE_PREFIX + "http-" + status.value()));
        }
        return response;
    }

    private static Violation violationOf(JacksonException jackson) {
        String field = path(jackson);
        return switch (jackson) {
            case UnrecognizedPropertyException u ->
                new Violation(field, "unknown-field", "is not a field here; known fields: " + u.getKnownPropertyIds());
            case InvalidFormatException f
            when f.getTargetType() != null && f.getTargetType().isEnum() ->
                new Violation(field, "one-of", "must be one of " + TypeErrors.enumValues(f.getTargetType()));
            case MismatchedInputException m ->
                new Violation(field, "type", "must be " + TypeErrors.typeName(m.getTargetType()));
            default -> new Violation(field, "json", "the body is not valid JSON: " + jackson.getOriginalMessage());
        };
    }

    private static String path(JacksonException e) {
        return e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static ProblemDetail invalid(List<Violation> violations) {
        return problem(
                HttpStatus.BAD_REQUEST,
                "invalid-request",
                "Invalid request",
                violations.size() + " field(s) break a rule: "
                        + violations.stream()
                                .map(v -> v.field() + " (" + v.rule() + ")")
                                .collect(Collectors.joining(", ")),
                "violations",
                violations);
    }

    /** A problem with one property more: the field, the role or the state it is about. */
    private static ProblemDetail problem(
            HttpStatus status, String type, String title, @Nullable String detail, String property, Object value) {
        ProblemDetail problem = problem(status, type, title, detail);
        problem.setProperty(property, value);
        return problem;
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, @Nullable String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + type));
        problem.setTitle(title);
        return problem;
    }
}
