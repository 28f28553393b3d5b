package dev.plinth.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of the running service over real HTTP. Every answer is checked against openapi.yaml, so
 * every end-to-end test also proves the contract.
 */
public final class PlinthApi {

    private static final OpenApiInteractionValidator CONTRACT = OpenApiInteractionValidator.createForSpecificationUrl(
                    Path.of("openapi.yaml").toAbsolutePath().toUri().toString())
            .build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String MERGE_PATCH = "application/merge-patch+json";

    /** The bootstrap admin token every service the suite starts is given. */
    public static final String ADMIN_TOKEN = "suite-bootstrap-admin-0123456789abcdef";

    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newHttpClient();

    public PlinthApi(URI base) {
        this(base, ADMIN_TOKEN);
    }

    private PlinthApi(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** The same service, called with {@code token} as the bearer credential, or with none when it is null. */
    public PlinthApi as(String token) {
        return new PlinthApi(base, token);
    }

    public static PlinthApi onPort(int port) {
        return new PlinthApi(URI.create("http://127.0.0.1:" + port));
    }

    /** An answer; {@code json} is null when the body is empty or not JSON. */
    public record Reply(int status, HttpHeaders headers, String body, JsonNode json) {

        public String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        public String text(String pointer) {
            JsonNode node = json.at(pointer);
            return node.isMissingNode() || node.isNull() ? null : node.asString();
        }
    }

    public Reply get(String path) {
        return send("GET", path, null, null);
    }

    public Reply delete(String path) {
        return send("DELETE", path, null, null);
    }

    public Reply postJson(String path, String body, String... headers) {
        return send("POST", path, "application/json", body, headers);
    }

    public Reply send(String method, String path, String contentType, String body, String... headers) {
        return send(true, method, path, contentType, body, headers);
    }

    /** For paths the contract cannot describe, such as one that does not exist. */
    public Reply getOutsideContract(String path) {
        return send(false, "GET", path, null, null);
    }

    /** For answers the contract does not describe yet. */
    public Reply sendOutsideContract(String method, String path, String contentType, String body) {
        return send(false, method, path, contentType, body);
    }

    private Reply send(
            boolean checked, String method, String path, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (checked) {
            checkContract(method, path, response);
        }
        return new Reply(response.statusCode(), response.headers(), response.body(), parse(response.body()));
    }

    /**
     * Mints an API token with this caller's credential and returns it; fails unless the service mints it.
     *
     * @param team the team it acts for, or null for the caller's own
     */
    public String mint(String name, String role, String team) {
        Reply reply = postJson(
                "/tokens",
                "{\"name\": \"%s\", \"role\": \"%s\"%s}"
                        .formatted(name, role, team == null ? "" : ", \"team\": \"" + team + "\""));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.text("/token");
    }

    /** Creates an environment and returns its id; fails unless the service accepts it. */
    public String create(String spec) {
        Reply reply = postJson("/environments", spec);
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        return reply.text("/id");
    }

    /** Polls until the environment has one of {@code statuses}; returns it then. */
    public JsonNode await(String id, Duration timeout, String... statuses) {
        Set<String> wanted = Set.of(statuses);
        return Waits.until(
                timeout,
                () -> get("/environments/" + id).json(),
                env -> wanted.contains(env.path("status").asString()),
                "environment " + id + " to be " + Arrays.toString(statuses));
    }

    /** The environment's current ETag, as {@code If-Match} wants it. */
    public String etag(String id) {
        return get("/environments/" + id).headers().firstValue("ETag").orElseThrow();
    }

    /**
     * A JSON merge patch of the environment's spec.
     *
     * @param query   {@code ""}, or a query such as {@code "?replace=network.cidr"}
     * @param ifMatch the {@code If-Match} header, or null to send none
     */
    public Reply patch(String id, String query, String patch, String ifMatch) {
        String path = "/environments/" + id + query;
        return ifMatch == null
                ? send("PATCH", path, MERGE_PATCH, patch)
                : send("PATCH", path, MERGE_PATCH, patch, "If-Match", ifMatch);
    }

    /** The plan of a JSON merge patch of the environment's spec; {@code query} as for {@link #patch}. */
    public Reply plan(String id, String query, String patch) {
        return send("POST", "/environments/" + id + "/plan" + query, MERGE_PATCH, patch);
    }

    /** The keys of a plan's items ({@code create}, {@code update}, {@code replace} or {@code delete}). */
    public static Set<String> keysOf(JsonNode planItems) {
        return planItems.valueStream().map(i -> i.path("key").asString()).collect(Collectors.toSet());
    }

    /** The AWS id the service recorded for one of the environment's resources. */
    public String physicalId(String id, String key) {
        return get("/environments/" + id + "/resources")
                .json()
                .path("items")
                .valueStream()
                .filter(r -> r.path("key").asString().equals(key))
                .map(r -> r.path("physicalId").asString())
                .findFirst()
                .orElseThrow();
    }

    public List<JsonNode> events(String id) {
        return get("/environments/" + id + "/events")
                .json()
                .path("items")
                .valueStream()
                .toList();
    }

    /** The environment's events in order, each as {@code "<type> <resource key>"}: to compare when steps happened. */
    public List<String> timeline(String id) {
        return events(id).stream()
                .map(e ->
                        e.path("type").asString() + " " + e.path("resourceKey").asString())
                .toList();
    }

    /** The events from the last one of {@code type} on: what one change ({@code SPEC_CHANGED}) led to. */
    public List<JsonNode> eventsSinceLast(String id, String type) {
        List<JsonNode> events = events(id);
        int at = events.stream().map(e -> e.path("type").asString()).toList().lastIndexOf(type);
        assertThat(at).as("an event %s of %s", type, id).isNotNegative();
        return events.subList(at, events.size());
    }

    /** The messages of the environment's events of {@code type}. */
    public List<String> messagesOf(String id, String type) {
        return events(id).stream()
                .filter(e -> e.path("type").asString().equals(type))
                .map(e -> e.path("message").asString())
                .toList();
    }

    /** The resources the events of {@code type} among {@code events} are about. */
    public static Set<String> keysOf(List<JsonNode> events, String type) {
        return events.stream()
                .filter(e -> e.path("type").asString().equals(type))
                .map(e -> e.path("resourceKey").asString())
                .collect(Collectors.toSet());
    }

    private static void checkContract(String method, String path, HttpResponse<String> response) {
        String pathOnly = URI.create(path).getPath();
        SimpleResponse.Builder answer =
                SimpleResponse.Builder.status(response.statusCode()).withBody(response.body());
        response.headers().map().forEach((name, values) -> answer.withHeader(name, values));
        ValidationReport report = CONTRACT.validateResponse(pathOnly, Request.Method.valueOf(method), answer.build());
        assertThat(report.getMessages())
                .as(
                        "%s %s answered %s %s, which openapi.yaml does not describe",
                        method, path, response.statusCode(), response.body())
                .isEmpty();
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
