package dev.plinth.api;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tomcat's error report for what it refuses before the application sees the request: a request line and
 * headers beyond their size, or a path that is no valid URI (an encoded slash, backslash or NUL, bytes that are
 * not UTF-8). A problem as {@link ProblemHandler} writes them, where Tomcat writes an HTML page. Errors the
 * application answered (with a body) pass untouched.
 */
final class ServerProblemValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String reason = response.getMessage() != null && !response.getMessage().isBlank()
                ? response.getMessage()
                : throwable != null && throwable.getMessage() != null ? throwable.getMessage() : "";
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JsonMapper.shared().writeValueAsString(problem(status, reason)));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is gone or the answer started: nothing more can be said
        }
    }

    /** A 400 names the part of the request Tomcat refused; other statuses are the web layer's, as Spring's are. */
    private static ObjectNode problem(int status, String reason) {
        HttpStatus known = HttpStatus.resolve(status);
        ObjectNode problem = JsonMapper.shared().createObjectNode();
        if (status != HttpStatus.BAD_REQUEST.value()) {
            return problem.put("type", ProblemHandler.TYPE_PREFIX + "http-" + status)
                    .put("title", known == null ? "Error" : known.getReasonPhrase())
                    .put("status", status)
                    .put("detail", reason);
        }
        String lower = reason.toLowerCase(Locale.ROOT);
        ObjectNode violation = problem.objectNode();
        if (lower.contains("header") && lower.contains("large")) {
            violation
                    .put("field", "headers")
                    .put("rule", "size")
                    .put("message", "the request line and the headers together are larger than the server takes");
        } else if (lower.contains("header")) {
            violation.put("field", "headers").put("rule", "header").put("message", "a header the server cannot read");
        } else {
            violation
                    .put("field", "path")
                    .put("rule", "uri")
                    .put(
                            "message",
                            "must be a URI path without encoded slashes, backslashes or NUL, percent-encoded as UTF-8");
        }
        problem.put("type", ProblemHandler.TYPE_PREFIX + "invalid-request")
                .put("title", "Invalid request")
                .put("status", status)
                .put("detail", "the server refused the request: " + reason);
        problem.putArray("violations").add(violation);
        return problem;
    }
}
