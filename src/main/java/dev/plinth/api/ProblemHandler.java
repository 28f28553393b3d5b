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
import java.util.Locale;
import java.util.Objects;
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
        ProblemDetail problem = Kind.NOT_FOUND.problem(e.getMessage());
        problem.setTitle("No such " + what);
        return problem;
    }

    /** The service's other refusals, each with the one property that says what it is about. */
    @ExceptionHandler({
        ForbiddenException.class,
        NameTakenException.class,
        NotRetryableException.class,
        ChangeInProgressException.class,
        DeletionProtectedException.class,
        NotAnOrphanException.class,
        IdempotencyKeyReusedException.class,
        PreflightRefusedException.class,
        PreconditionException.class,
        RegionUnavailableException.class
    })
    ProblemDetail refused(RuntimeException e) {
        @Nullable String detail = e.getMessage();
        return switch (e) {
            // the same answer as a route the caller's role may not take: the role it would need
            case ForbiddenException forbidden -> Kind.FORBIDDEN.problem(detail, forbidden.needed());
            case NameTakenException taken -> Kind.NAME_TAKEN.problem(detail, taken.violations());
            case NotRetryableException notRetryable -> Kind.NOT_RETRYABLE.problem(detail, notRetryable.status());
            case ChangeInProgressException inProgress -> Kind.CHANGE_IN_PROGRESS.problem(detail, inProgress.status());
            case DeletionProtectedException deletionProtected ->
                Kind.DELETION_PROTECTED.problem(detail, deletionProtected.violations());
            case NotAnOrphanException notAnOrphan -> Kind.NOT_AN_ORPHAN.problem(detail, notAnOrphan.violations());
            case IdempotencyKeyReusedException reused ->
                Kind.IDEMPOTENCY_KEY_REUSED.problem(detail, reused.environmentId());
            case PreflightRefusedException preflight -> Kind.PREFLIGHT_REFUSED.problem(detail, preflight.findings());
            case PreconditionException precondition ->
                (precondition.required() ? Kind.PRECONDITION_REQUIRED : Kind.PRECONDITION_FAILED)
                        .problem(detail, precondition.currentEtag());
            case RegionUnavailableException unavailable -> Kind.AWS_UNAVAILABLE.problem(detail);
            default ->
                throw new IllegalStateException(
                        "no problem kind for " + e.getClass().getName(), e);
        };
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
        return Kind.INTERNAL_ERROR.problem("an unexpected error; it was logged as incident " + incident, incident);
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
        return Kind.INVALID_REQUEST.problem(
                violations.size() + " field(s) break a rule: "
                        + violations.stream()
                                .map(v -> v.field() + " (" + v.rule() + ")")
                                .collect(Collectors.joining(", ")),
                violations);
    }

    /**
     * The kinds of problem the service answers with: each a status, a title, a type made of its name,
     * and for most the name of the one property more that says what it is about (the field, the role,
     * the state).
     */
    private enum Kind {
        INVALID_REQUEST(400, "Invalid request", "violations"),
        FORBIDDEN(403, "Forbidden", "neededRole"),
        NOT_FOUND(404, "Not found"),
        NAME_TAKEN(409, "Name taken", "violations"),
        NOT_RETRYABLE(409, "Not retryable", "environmentStatus"),
        CHANGE_IN_PROGRESS(409, "Change in progress", "environmentStatus"),
        DELETION_PROTECTED(409, "Deletion protected", "violations"),
        NOT_AN_ORPHAN(409, "Not an orphan", "violations"),
        PRECONDITION_FAILED(412, "Changed since read", "currentEtag"),
        IDEMPOTENCY_KEY_REUSED(422, "Idempotency-Key reused", "environmentId"),
        PREFLIGHT_REFUSED(422, "The account would refuse this environment", "findings"),
        PRECONDITION_REQUIRED(428, "If-Match required", "currentEtag"),
        INTERNAL_ERROR(500, "Internal error", "incident"),
        AWS_UNAVAILABLE(503, "AWS unavailable");

        private final HttpStatus status;
        private final String title;
        private final @Nullable String property;

        Kind(int status, String title) {
            this(status, title, null);
        }

        Kind(int status, String title, @Nullable String property) {
            this.status = HttpStatus.valueOf(status);
            this.title = title;
            this.property = property;
        }

        ProblemDetail problem(@Nullable String detail) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
            problem.setType(
                    URI.create(TYPE_PREFIX + name().toLowerCase(Locale.ROOT).replace('_', '-')));
            problem.setTitle(title);
            return problem;
        }

        /** A problem with its property: the field, the role or the state it is about. */
        ProblemDetail problem(@Nullable String detail, Object value) {
            ProblemDetail problem = problem(detail);
            problem.setProperty(Objects.requireNonNull(property, () -> name() + " has no property"), value);
            return problem;
        }
    }
}
