package dev.plinth.it;

import static dev.plinth.testing.JsonMutations.replacing;
import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import dev.plinth.environment.Environment;
import dev.plinth.environment.EnvironmentRepository;
import dev.plinth.environment.EnvironmentStatus;
import dev.plinth.environment.Failure;
import dev.plinth.spec.EnvironmentSpec;
import dev.plinth.spec.SpecValidator;
import dev.plinth.testing.EndToEndTest;
import dev.plinth.testing.FaultProxy;
import dev.plinth.testing.JsonMutations;
import dev.plinth.testing.PlinthApi;
import dev.plinth.testing.Specs;
import dev.plinth.testing.Waits;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hostile requests over real HTTP to every operation of openapi.yaml (and a few methods it does not
 * have): odd and wrong content types, bodies in wrong encodings, mutated specs, deep nesting, huge
 * strings and numbers, bad headers, query parameters and path ids. Each answer must be below 500; an
 * error must be a problem ({@code type}, and for 400 {@code violations} that name a field and a rule);
 * a request with something wrong in it must not succeed; and no request may make an AWS call (every
 * generated write is invalid by construction, so none may reach AWS). Then valid specs at the edges of
 * every rule are sent to {@code POST /plans}: each is planned (what the account would refuse is in its
 * findings), never refused as invalid, never a 5xx.
 *
 * <p>The requests come from jqwik's generators, drawn from plain JUnit tests with a {@link Random} of a seed:
 * the service runs in Spring's test context, which jqwik's own engine does not start, and shrinking against a
 * running service whose state the requests share would not give a smaller failing request one could trust.
 * Every failing request is reported whole, with the seed; {@code -Dplinth.hostile.seed=<seed>} replays the
 * same requests, {@code -Dplinth.hostile.seed=random} draws new ones.
 */
class HostileRequestsIT extends EndToEndTest {

    private static final long SEED = seed(System.getProperty("plinth.hostile.seed", "1"));
    private static final int REQUESTS = Integer.getInteger("plinth.hostile.requests", 2_400);
    private static final int EDGE_SPECS = Integer.getInteger("plinth.hostile.edge-specs", 40);

    private static final Path DOCUMENT = Path.of("openapi.yaml");
    private static final OpenApiInteractionValidator CONTRACT = OpenApiInteractionValidator.createForSpecificationUrl(
                    DOCUMENT.toAbsolutePath().toUri().toString())
            .build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String PROBLEM = "urn:plinth:problem:";
    private static final String MERGE_PATCH = "application/merge-patch+json";
    private static final String UNKNOWN_ID = "00000000-0000-0000-0000-000000000000";

    @Autowired
    private EnvironmentRepository repository;

    @LocalServerPort
    private int port;

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private URI base;
    /** A FAILED environment whose database is protected from deletion, and a DELETED one: nothing done to either reaches AWS. */
    private String failedId;

    private String deletedId;

    private static long seed(String property) {
        return property.equals("random") ? System.nanoTime() : Long.parseLong(property);
    }

    // ---------------------------------------------------------------------------------------------
    // the model of a request

    /** An operation: documented ones from openapi.yaml, and methods a route does not have. */
    record Operation(String method, String template, boolean documented) {

        String name() {
            return method + " " + template;
        }

        boolean takesBody() {
            return documented
                    && (method.equals("POST") || method.equals("PUT") || method.equals("PATCH"))
                    && !template.endsWith("/retry")
                    && !template.endsWith("/reconcile");
        }
    }

    /**
     * One part of a request (its path, query, headers or body) and what, if anything, makes the
     * request one that must be refused; {@code flaw} is null when the part leaves it valid or when
     * either answer would be right.
     */
    record Part(String text, List<String> headers, byte[] body, String flaw) {

        static Part of(String text, String flaw) {
            return new Part(text, List.of(), null, flaw);
        }

        static Part headers(String flaw, String... headers) {
            return new Part("", List.of(headers), null, flaw);
        }
    }

    /** A request to send, and the reasons it must be refused (none: it may be answered either way). */
    record Hostile(
            Operation operation,
            String method,
            String path,
            boolean plainPath,
            List<String> headers,
            byte[] body,
            List<String> flaws,
            String about) {

        String describe() {
            StringBuilder out = new StringBuilder(method + " " + clip(path, 200));
            for (int i = 0; i < headers.size(); i += 2) {
                out.append("\n  ").append(headers.get(i)).append(": ").append(clip(escape(headers.get(i + 1)), 100));
            }
            if (body != null) {
                out.append("\n  body (")
                        .append(body.length)
                        .append(" bytes): ")
                        .append(clip(escape(new String(body, StandardCharsets.ISO_8859_1)), 200));
            }
            return out.append("\n  what: ")
                    .append(about)
                    .append("\n  flaws: ")
                    .append(flaws)
                    .toString();
        }
    }

    /** An answer, as far as the checks need it; status 0 when none came, the body then saying why. */
    record Answer(int status, String contentType, String body, Map<String, List<String>> headers) {}

    // ---------------------------------------------------------------------------------------------
    // the tests

    @BeforeEach
    void theService() {
        base = URI.create("http://127.0.0.1:" + port);
    }

    @Test
    void everyHostileRequestIsRefusedAsAProblemWithoutAnAwsCallAndNoneGetsA5xx() throws IOException {
        storeEnvironments();
        List<Operation> operations = operations();
        Iterator<Hostile> generated = drawn(requests(operations), SEED).iterator();

        Map<String, Integer> perOperation = new TreeMap<>();
        Map<String, Integer> statuses = new TreeMap<>();
        Map<String, List<String>> failures = new TreeMap<>();
        for (int i = 0; i < REQUESTS; i++) {
            Hostile request = generated.next();
            int before = AWS.calls().size();
            Answer answer = send(request);
            List<FaultProxy.Call> calls = AWS.calls();
            List<FaultProxy.Call> made = calls.subList(Math.min(before, calls.size()), calls.size());
            perOperation.merge(request.operation().name(), 1, Integer::sum);
            statuses.merge(answer.status() == 0 ? "no answer" : String.valueOf(answer.status()), 1, Integer::sum);
            String wrong = wrongWith(request, answer, made);
            if (wrong != null) {
                String kind = wrong + " (" + answer.status() + " " + answer.contentType() + ")";
                failures.computeIfAbsent(kind, k -> new ArrayList<>())
                        .add("#" + i + " " + request.describe() + "\n  answer: " + answer.status() + " "
                                + answer.contentType() + " " + clip(escape(answer.body()), 300));
            }
        }

        System.out.printf("%d hostile requests (seed %d); answers by status: %s%n", REQUESTS, SEED, statuses);
        int failed = failures.values().stream().mapToInt(List::size).sum();
        Path all = Path.of("target", "hostile-requests-failed.txt");
        Files.writeString(
                all,
                failures.entrySet().stream()
                        .map(kind -> kind.getValue().size() + " x " + kind.getKey() + "\n"
                                + String.join("\n", kind.getValue()))
                        .collect(Collectors.joining("\n\n")));
        assertThat(failed)
                .as(
                        "%d of %d hostile requests answered wrongly (seed %d: replay with -Dplinth.hostile.seed=%d); "
                                + "by kind, with the first of each (all of them in %s):%n%s",
                        failed, REQUESTS, SEED, SEED, all, firstOfEachKind(failures))
                .isZero();
        // every operation of the document got its share
        assertThat(perOperation.keySet())
                .containsAll(operations.stream()
                        .filter(Operation::documented)
                        .map(Operation::name)
                        .toList());
        assertThat(perOperation.values())
                .allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(REQUESTS / operations.size() / 3));
    }

    @Test
    void everyValidSpecAtTheEdgesIsPlannedNeverA5xx() {
        List<ObjectNode> specs = drawn(edgeSpecs(), SEED).limit(EDGE_SPECS).toList();
        Map<String, List<String>> failures = new TreeMap<>();
        AtomicInteger findings = new AtomicInteger();
        for (int i = 0; i < specs.size(); i++) {
            plan(i, specs.get(i), failures, findings);
        }

        System.out.printf(
                "%d valid specs at the edges planned (seed %d), %d with findings of the preflight%n",
                EDGE_SPECS, SEED, findings.get());
        int failed = failures.values().stream().mapToInt(List::size).sum();
        assertThat(failed)
                .as(
                        "%d of %d valid specs at the edges not planned (seed %d: replay with -Dplinth.hostile.seed=%d); "
                                + "by kind, with the first of each:%n%s",
                        failed, EDGE_SPECS, SEED, SEED, firstOfEachKind(failures))
                .isZero();
    }

    /** How many failed of each kind, with the first two of each. */
    private static String firstOfEachKind(Map<String, List<String>> failures) {
        return failures.entrySet().stream()
                .map(kind -> kind.getValue().size() + " x " + kind.getKey() + ", such as\n"
                        + String.join(
                                "\n",
                                kind.getValue()
                                        .subList(0, Math.min(2, kind.getValue().size()))))
                .collect(Collectors.joining("\n\n"));
    }

    private void plan(int index, ObjectNode spec, Map<String, List<String>> failures, AtomicInteger findings) {
        Hostile request = new Hostile(
                new Operation("POST", "/plans", true),
                "POST",
                "/plans",
                true,
                List.of("Authorization", "Bearer " + PlinthApi.ADMIN_TOKEN, "Content-Type", "application/json"),
                bytes(spec),
                List.of(),
                "a valid spec at the edges");
        Answer answer = send(request);
        String wrong = answer.status() == 0
                ? "no HTTP answer"
                : answer.status() != 200 ? "not planned" : contractBreach(request, answer);
        if (wrong != null) {
            failures.computeIfAbsent(wrong + " (" + answer.status() + ")", k -> new ArrayList<>())
                    .add("#" + index + " " + clip(written(spec), 3_000) + "\n  answer: "
                            + clip(escape(answer.body()), 1_500));
        } else if (!JSON.readTree(answer.body()).path("findings").isEmpty()) {
            findings.incrementAndGet();
        }
    }

    /**
     * Values of {@code arbitrary} drawn with a {@link Random} of {@code seed}: the same seed, the same values.
     * Outside a property jqwik's generators need the context {@code sampleStream()} sets up; the values come
     * from this Random, not from jqwik's own.
     */
    private static <T> Stream<T> drawn(Arbitrary<T> arbitrary, long seed) {
        Random random = new Random(seed);
        // jqwik keeps the generator once made; without edge cases, as the values are hand-picked edges already
        return Arbitraries.create(
                        () -> arbitrary.generator(1_000, false).next(random).value())
                .sampleStream();
    }

    // ---------------------------------------------------------------------------------------------
    // what is wrong with an answer

    /** Why the answer is wrong for the request, or null when it is right. */
    private String wrongWith(Hostile request, Answer answer, List<FaultProxy.Call> made) {
        boolean health = request.operation().template().equals("/actuator/health");
        // the health check asks STS who it is, every 15 s: the only AWS call any of these requests may make
        List<FaultProxy.Call> unexpected = made.stream()
                .filter(call -> !(health && call.action().equals("GetCallerIdentity")))
                .toList();
        if (!unexpected.isEmpty()) {
            return "AWS was called: " + unexpected;
        }
        if (answer.status() == 0) {
            return "no HTTP answer";
        }
        int status = answer.status();
        if (status >= 500) {
            return "a server error";
        }
        if (status >= 200 && status < 300) {
            if (!request.flaws().isEmpty()) {
                return "succeeded, though " + request.flaws();
            }
            return contractBreach(request, answer);
        }
        if (status == 304) {
            // If-None-Match: * of an environment that exists is a conditional read answered "not modified"
            // (RFC 9110, section 13.1.2): right only where the read itself would have succeeded
            boolean conditional = IntStream.iterate(
                                    0, i -> i < request.headers().size(), i -> i + 2)
                            .anyMatch(i -> request.headers().get(i).equalsIgnoreCase("If-None-Match"))
                    && (request.method().equals("GET") || request.method().equals("HEAD"));
            return conditional && request.flaws().isEmpty() ? null : "a 304 to a request that is no conditional read";
        }
        if (status < 400) {
            return "neither a success nor an error";
        }
        if (request.method().equals("HEAD")) {
            return null; // no body to look at
        }
        String problem = notAProblem(request, answer);
        return problem != null ? problem : contractBreach(request, answer);
    }

    /** What makes a 4xx answer other than a problem as openapi.yaml describes it, or null. */
    private static String notAProblem(Hostile request, Answer answer) {
        String type = answer.contentType().toLowerCase();
        boolean acceptsOnlyJson = request.headers().contains("Accept")
                && header(request, "Accept").contains("application/json")
                && !header(request, "Accept").contains("problem");
        if (!type.startsWith("application/problem+json") && !(acceptsOnlyJson && type.startsWith("application/json"))) {
            return "an error that is not application/problem+json";
        }
        JsonNode problem;
        try {
            problem = JSON.readTree(answer.body());
        } catch (RuntimeException e) {
            return "a problem that is not JSON";
        }
        if (problem == null || !problem.path("type").asString("").startsWith(PROBLEM)) {
            return "a problem without a type of plinth's";
        }
        if (problem.path("status").asInt() != answer.status()) {
            return "a problem whose status is not the answer's";
        }
        if (answer.status() == 400) {
            if (!problem.path("type").asString().equals(PROBLEM + "invalid-request")) {
                return "a 400 that is not invalid-request";
            }
            JsonNode violations = problem.path("violations");
            if (!violations.isArray() || violations.isEmpty()) {
                return "a 400 without violations";
            }
            for (JsonNode violation : violations) {
                if (!violation.path("field").isString()
                        || violation.path("rule").asString("").isBlank()) {
                    return "a violation without a field or a rule: " + violation;
                }
            }
        }
        return null;
    }

    /** What openapi.yaml says the answer of a documented status is not, or null. */
    private static String contractBreach(Hostile request, Answer answer) {
        if (!request.operation().documented() || !request.plainPath()) {
            return null;
        }
        String path = URI.create(request.path()).getPath();
        SimpleResponse.Builder response =
                SimpleResponse.Builder.status(answer.status()).withBody(answer.body());
        answer.headers().forEach(response::withHeader);
        var report = CONTRACT.validateResponse(path, Request.Method.valueOf(request.method()), response.build());
        List<String> messages = report.getMessages().stream()
                // a status the document does not list for the operation is the problem checks' business
                .filter(m -> !m.getKey().equals("validation.response.status.unknown"))
                .map(m -> m.getKey() + ": " + m.getMessage())
                .toList();
        return messages.isEmpty() ? null : "an answer openapi.yaml does not describe: " + messages;
    }

    private static String header(Hostile request, String name) {
        for (int i = 0; i < request.headers().size(); i += 2) {
            if (request.headers().get(i).equalsIgnoreCase(name)) {
                return request.headers().get(i + 1);
            }
        }
        return "";
    }

    // ---------------------------------------------------------------------------------------------
    // sending

    private Answer send(Hostile request) {
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(URI.create(base + request.path()))
                    .timeout(Duration.ofSeconds(30))
                    .method(
                            request.method(),
                            request.body() == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(request.body()));
            for (int i = 0; i < request.headers().size(); i += 2) {
                builder.header(request.headers().get(i), request.headers().get(i + 1));
            }
        } catch (IllegalArgumentException refusedByTheClient) {
            throw new IllegalStateException(
                    "the generator made a request the HTTP client cannot send:\n" + request.describe(),
                    refusedByTheClient);
        }
        IOException lost = null;
        // NOTE: a server that refuses a request by its head (headers too large) answers and closes the connection
        // while the client may still be sending the body, and the client can see the connection reset before it
        // reads the answer. Sent again expecting 100-continue, the body waits for the server's word on the head.
        for (boolean again : List.of(false, true)) {
            try {
                HttpResponse<byte[]> response =
                        http.send(builder.expectContinue(again).build(), HttpResponse.BodyHandlers.ofByteArray());
                return new Answer(
                        response.statusCode(),
                        response.headers().firstValue("Content-Type").orElse(""),
                        new String(response.body(), StandardCharsets.UTF_8),
                        response.headers().map());
            } catch (IOException e) {
                lost = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return new Answer(0, "", String.valueOf(lost), Map.of());
    }

    /** The stored environments the requests aim at: nothing done to them reaches AWS. */
    private void storeEnvironments() {
        Instant now = Instant.now();
        failedId = UUID.randomUUID().toString();
        deletedId = UUID.randomUUID().toString();
        SpecValidator validator = new SpecValidator();
        ObjectNode protectedSpec = (ObjectNode) JSON.readTree(Specs.fullExample());
        protectedSpec.put("name", "hostile-" + failedId.substring(0, 8));
        ((ObjectNode) protectedSpec.path("database")).put("deletionProtection", true);
        EnvironmentSpec failed = validator.valid(JSON.treeToValue(protectedSpec, EnvironmentSpec.class));
        repository.insert(new Environment(
                failedId,
                null,
                failed,
                null,
                List.of("eu-central-1a", "eu-central-1b"),
                EnvironmentStatus.FAILED,
                new Failure("vpc", "Hostile", "made by the test"),
                null,
                "hostile",
                0,
                1,
                now,
                now,
                null));
        protectedSpec.put("name", "hostile-" + deletedId.substring(0, 8));
        EnvironmentSpec deleted = validator.valid(JSON.treeToValue(protectedSpec, EnvironmentSpec.class));
        repository.insert(new Environment(
                deletedId,
                null,
                deleted,
                null,
                List.of("eu-central-1a", "eu-central-1b"),
                EnvironmentStatus.DELETED,
                null,
                null,
                "hostile",
                0,
                1,
                now,
                now,
                now));
        // other test classes share the service: with the engine working on nothing, every AWS call is a request's
        Waits.until(CONVERGE, repository::inFlightIds, List::isEmpty, "no environment in flight");
        AWS.clear();
    }

    // ---------------------------------------------------------------------------------------------
    // the generators

    /** Every operation of the document, then methods its routes do not have. */
    private static List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        new OpenAPIV3Parser()
                .read(DOCUMENT.toString())
                .getPaths()
                .forEach((path, item) -> item.readOperationsMap()
                        .keySet()
                        .forEach(method -> operations.add(new Operation(method.name(), path, true))));
        operations.add(new Operation("PUT", "/plans", false));
        operations.add(new Operation("DELETE", "/presets", false));
        operations.add(new Operation("PATCH", "/environments", false));
        operations.add(new Operation("POST", "/environments/{id}/events", false));
        operations.add(new Operation("TRACE", "/environments", false));
        operations.add(new Operation("OPTIONS", "/environments/{id}", false));
        operations.add(new Operation("HEAD", "/environments/{id}", false));
        operations.add(new Operation("FROB", "/environments", false));
        return operations;
    }

    private Arbitrary<Hostile> requests(List<Operation> operations) {
        return Arbitraries.of(operations)
                .flatMap(op -> Combinators.combine(path(op), query(op), headers(op), payload(op))
                        .as((path, query, headers, payload) -> {
                            List<String> all = new ArrayList<>(headers.headers());
                            all.addAll(payload.headers());
                            List<String> flaws = new ArrayList<>();
                            for (Part part : List.of(path, query, headers, payload)) {
                                if (part.flaw() != null) {
                                    flaws.add(part.flaw());
                                }
                            }
                            if (op.method().equals("OPTIONS")) {
                                // answered by the web layer from the route alone
                                flaws.clear();
                            } else if (!op.documented() && !op.method().equals("HEAD")) {
                                flaws.add("no such method on the route");
                            }
                            boolean plain = path.flaw() == null
                                    || path.flaw().equals("no such environment")
                                            && !path.text().contains("%")
                                            && path.text().length() < 200;
                            return new Hostile(
                                    op,
                                    op.method(),
                                    path.text() + query.text(),
                                    plain,
                                    all,
                                    payload.body(),
                                    flaws,
                                    payload.text());
                        }));
    }

    // -- paths

    private Arbitrary<Part> path(Operation op) {
        String template = op.template();
        if (template.contains("{id}")) {
            Arbitrary<Part> ids = template.startsWith("/tokens")
                    ? hostileIds("no such token")
                    : Arbitraries.frequencyOf(
                            Tuple.of(6, storedIds(op)), Tuple.of(4, hostileIds("no such environment")));
            return ids.map(id -> new Part(template.replace("{id}", id.text()), List.of(), null, id.flaw()));
        }
        if (template.contains("{name}")) {
            return Arbitraries.frequencyOf(
                            Tuple.of(
                                    3,
                                    Arbitraries.of("wordpress", "web-app", "spa-api", "monitored-app")
                                            .map(n -> Part.of(n, null))),
                            Tuple.of(7, hostileIds("no such preset")))
                    .map(name -> new Part(template.replace("{name}", name.text()), List.of(), null, name.flaw()));
        }
        if (template.startsWith("/actuator/")) {
            return Arbitraries.just(Part.of(template, null));
        }
        return Arbitraries.frequencyOf(
                Tuple.of(9, Arbitraries.just(Part.of(template, null))),
                Tuple.of(
                        1,
                        Arbitraries.of("/", "//", "/.", ";x", "%2F", "/%2e%2e/", "%00", "/..;/orphans")
                                .map(tail -> Part.of(template + tail, "not the route"))));
    }

    /** The stored environments, for the operations where what they lead to reaches neither AWS nor the engine. */
    private Arbitrary<Part> storedIds(Operation op) {
        String route = op.name();
        if (route.equals("POST /environments/{id}/retry")) {
            return Arbitraries.just(Part.of(deletedId, "the environment is not FAILED"));
        }
        if (route.equals("POST /environments/{id}/reconcile")) {
            return Arbitraries.of(
                    Part.of(failedId, "the environment is not READY"),
                    Part.of(deletedId, "the environment is not READY"));
        }
        if (route.equals("DELETE /environments/{id}")) {
            // DELETE of a DELETED environment changes nothing and answers 202
            return Arbitraries.of(Part.of(failedId, "deletion protection"), Part.of(deletedId, null));
        }
        return Arbitraries.of(Part.of(failedId, null), Part.of(deletedId, null));
    }

    /** Ids no environment, token or preset has: long, percent-encoded slashes and dots, unicode, control characters. */
    private static final List<String> HOSTILE_IDS = List.of(
            UNKNOWN_ID,
            "x",
            "a".repeat(300),
            "a".repeat(10_000),
            "a%2Fb",
            "%2F",
            "%2F%2F",
            "..%2F..%2Fetc",
            "%2e%2e",
            ".",
            "..",
            "%2e",
            "a;b",
            "a%3Bb",
            "%C3%BC",
            "%F0%9F%98%80",
            "%E2%80%AEdi",
            "%00",
            "%0d%0a",
            "%ff",
            "%C0%80",
            "%ED%A0%80",
            "%25",
            "%5C",
            "a%20b",
            "%7B%7D",
            "null",
            "-1",
            "0x00",
            "%27%3B%20--",
            "ü",
            "\u00e9t\u00e9",
            "%C3%BC".repeat(1_500));

    private static Arbitrary<Part> hostileIds(String flaw) {
        return Arbitraries.oneOf(
                Arbitraries.of(HOSTILE_IDS).map(id -> Part.of(id, flaw)),
                Arbitraries.strings()
                        .withCharRange('\u0020', '\u2FFF')
                        .ofMinLength(1)
                        .ofMaxLength(60)
                        .map(s -> Part.of(
                                URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"), flaw)));
    }

    // -- query parameters

    private Arbitrary<Part> query(Operation op) {
        Map<String, List<Part>> params = new LinkedHashMap<>();
        switch (op.name()) {
            case "GET /environments" -> {
                params.put(
                        "status",
                        List.of(
                                Part.of("READY", null),
                                Part.of("SLEEPING", "status"),
                                Part.of("ready", "status"),
                                Part.of("%ff", "status"),
                                Part.of("%00", "status"),
                                Part.of("READY%00", "status")));
                params.put("limit", limits(100));
                params.put(
                        "pageToken",
                        List.of(
                                Part.of("garbage", "pageToken"),
                                Part.of("%ff", "pageToken"),
                                Part.of("AAAA", "pageToken"),
                                Part.of("fHw%3D", "pageToken"),
                                Part.of(b64("not-a-time|" + UNKNOWN_ID), "pageToken"),
                                Part.of(b64("2026-01-01T00:00:00Z|"), null),
                                Part.of("x".repeat(5_000), "pageToken")));
                params.put(
                        "name",
                        List.of(Part.of("shop", null), Part.of("%C3%BC", null), Part.of("x".repeat(3_000), null)));
            }
            case "GET /environments/{id}/events" -> {
                params.put(
                        "after",
                        List.of(
                                Part.of("0", null),
                                Part.of("-1", "after"),
                                Part.of("99999999999999999999", "after"),
                                Part.of("x", "after"),
                                Part.of("1.5", "after")));
                params.put("limit", limits(1_000));
                params.put(
                        "resource",
                        List.of(
                                Part.of("vpc", null),
                                Part.of("", "resource"),
                                Part.of("%20", "resource"),
                                Part.of("%C3%BC".repeat(50), null)));
                params.put(
                        "type",
                        List.of(
                                Part.of("CREATED", null),
                                Part.of("unknown", "type"),
                                Part.of("%ff", "type"),
                                Part.of("CREATED,FOO", "type"),
                                Part.of("created", "type"),
                                Part.of("CREATED&type=BOGUS", "type")));
            }
            case "GET /orphans" -> // never a region that exists: listing one calls AWS
                params.put(
                        "region",
                        List.of(
                                Part.of("mars-north-1", "region"),
                                Part.of("%ff", "region"),
                                Part.of("", "region"),
                                Part.of("EU-CENTRAL-1", "region"),
                                Part.of("aws-global", "region"),
                                Part.of("eu-central-1%00", "region")));
            case "GET /audit" -> {
                params.put(
                        "since",
                        List.of(
                                Part.of("2026-01-01T00:00:00Z", null),
                                Part.of("yesterday", "since"),
                                Part.of("2026-13-01T00:00:00Z", "since"),
                                Part.of("%ff", "since"),
                                Part.of("-999999999-01-01T00:00:00Z", null)));
                params.put("limit", limits(500));
                params.put(
                        "pageToken",
                        List.of(
                                Part.of("garbage", "pageToken"),
                                Part.of("99999999999999999999", "pageToken"),
                                Part.of("-1", null),
                                Part.of("1", null)));
                params.put("environment", List.of(Part.of("%C3%BC", null), Part.of("x".repeat(2_000), null)));
            }
            case "GET /tokens" ->
                params.put("team", List.of(Part.of("team-a", null), Part.of("%ff", "team"), Part.of("%00", null)));
            case "PATCH /environments/{id}", "PUT /environments/{id}", "POST /environments/{id}/plan" ->
                params.put(
                        "replace",
                        List.of(Part.of("network.cidr", null), Part.of("%ff", "replace"), Part.of("nothing", null)));
            default -> {}
        }
        List<Part> anywhere = List.of(
                Part.of("unknown=1", null),
                Part.of("%ff=1", null),
                Part.of("&&&", null),
                Part.of("=x", null),
                Part.of("a=" + "b".repeat(9_000), null),
                Part.of("limit=1&limit=2", null));
        Arbitrary<List<Part>> chosen = params.isEmpty()
                ? Arbitraries.just(List.of())
                : Combinators.combine(params.entrySet().stream()
                                .map(param -> Arbitraries.frequencyOf(
                                        Tuple.of(1, Arbitraries.just(Part.of("", null))),
                                        Tuple.of(
                                                2,
                                                Arbitraries.of(param.getValue())
                                                        .map(v -> new Part(
                                                                param.getKey() + "=" + v.text(),
                                                                List.of(),
                                                                null,
                                                                v.flaw())))))
                                .toList())
                        .as(list ->
                                list.stream().filter(p -> !p.text().isEmpty()).toList());
        Arbitrary<List<Part>> extra = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(List.of())),
                Tuple.of(1, Arbitraries.of(anywhere).map(List::of)));
        Arbitrary<Part> query = Combinators.combine(chosen, extra).as((named, more) -> {
            List<Part> all = new ArrayList<>(named);
            all.addAll(more);
            if (all.isEmpty()) {
                return Part.of("", null);
            }
            String flaws = all.stream().map(Part::flaw).filter(f -> f != null).collect(Collectors.joining(", "));
            return Part.of(
                    "?" + all.stream().map(Part::text).collect(Collectors.joining("&")),
                    flaws.isEmpty() ? null : flaws);
        });
        if (op.template().equals("/orphans")) {
            // without a region, a listing is refused too
            return query.map(q -> q.text().contains("region=")
                    ? q
                    : Part.of(q.text(), q.flaw() == null ? "region" : q.flaw() + ", region"));
        }
        return query;
    }

    private static List<Part> limits(int max) {
        return List.of(
                Part.of("1", null),
                Part.of(String.valueOf(max), null),
                Part.of("", null),
                Part.of("-1", "limit"),
                Part.of("0", "limit"),
                Part.of(String.valueOf(max + 1), "limit"),
                Part.of("99999999999", "limit"),
                Part.of("abc", "limit"),
                Part.of("1e3", "limit"),
                Part.of("%ff", "limit"),
                Part.of("%201", null));
    }

    private static String b64(String text) {
        return URLEncoder.encode(
                Base64.getUrlEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    // -- headers

    private Arbitrary<Part> headers(Operation op) {
        boolean health = op.template().equals("/actuator/health");
        String bearer = "Bearer " + PlinthApi.ADMIN_TOKEN;
        Arbitrary<Part> auth = Arbitraries.frequencyOf(
                Tuple.of(20, Arbitraries.just(Part.headers(null, "Authorization", bearer))),
                Tuple.of(
                        1,
                        Arbitraries.of(
                                Part.headers(health ? null : "no credential"),
                                Part.headers(health ? null : "unknown credential", "Authorization", "Bearer garbage"),
                                Part.headers(
                                        health ? null : "unknown credential", "Authorization", "Basic Zm9vOmJhcg=="),
                                Part.headers(health ? null : "unknown credential", "Authorization", "Bearer a.b.c"),
                                Part.headers(
                                        health ? null : "unknown credential",
                                        "Authorization",
                                        "Bearer " + "x".repeat(10_000)),
                                Part.headers(null, "Authorization", "Bearer  " + PlinthApi.ADMIN_TOKEN),
                                Part.headers(null, "Authorization", "bearer " + PlinthApi.ADMIN_TOKEN))));
        boolean create = op.name().equals("POST /environments");
        boolean change =
                op.name().equals("PATCH /environments/{id}") || op.name().equals("PUT /environments/{id}");
        List<Part> odd = new ArrayList<>(List.of(
                Part.headers("unservable Accept", "Accept", "image/png"),
                Part.headers(null, "Accept", "application/xml"),
                Part.headers(null, "Accept", ";;;"),
                Part.headers(null, "Accept", "*/*;q=oops"),
                Part.headers(null, "Accept", "application/json"),
                Part.headers(null, "Accept", "application/problem+json"),
                Part.headers(null, "Accept", "application/json;q=0, */*;q=0"),
                Part.headers(null, "Accept", "x".repeat(7_000)),
                Part.headers(null, "Accept-Language", "de-DE,de;q=0.9,en;q=0.8"),
                Part.headers(null, "Accept-Language", ";;;"),
                Part.headers(null, "Accept-Charset", "latin1"),
                Part.headers(null, "X-Request-Id", "\u00ff" + "x".repeat(100)),
                Part.headers(null, "If-None-Match", "*"),
                // the HTTP client sends no control character but tab and the C1 ones
                Part.headers(null, "Idempotency-Key", "\u0085key\u009b"),
                Part.headers(null, "Idempotency-Key", "tab\tkey"),
                Part.headers(null, "Idempotency-Key", "\u00fc"),
                Part.headers(create ? "Idempotency-Key" : null, "Idempotency-Key", "k".repeat(256)),
                Part.headers(null, "Idempotency-Key", "k".repeat(10_000)),
                Part.headers(create ? "Idempotency-Key" : null, "Idempotency-Key", " "),
                Part.headers(null, "If-Match", "garbage"),
                Part.headers(null, "If-Match", "x".repeat(7_000)),
                Part.headers(null, "Range", "bytes=0-1"),
                Part.headers(null, "Transfer-Encoding-Fake", "chunked")));
        Arbitrary<Part> oddOnes = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(Part.headers(null))),
                Tuple.of(2, Arbitraries.of(odd)),
                Tuple.of(
                        1,
                        Arbitraries.of(odd)
                                .list()
                                .ofMinSize(2)
                                .ofMaxSize(4)
                                .uniqueElements(p -> p.headers().get(0))
                                .map(HostileRequestsIT::joined)));
        // a change needs the ETag it was read at: these never carry one that matches, so no change is ever made
        Arbitrary<Part> ifMatch = change
                ? Arbitraries.of(
                        Part.headers("If-Match required"),
                        Part.headers("If-Match required", "If-Match", " "),
                        Part.headers("stale If-Match", "If-Match", "garbage"),
                        Part.headers("stale If-Match", "If-Match", "\"0\""),
                        Part.headers("stale If-Match", "If-Match", "W/\"0\""),
                        Part.headers("stale If-Match", "If-Match", "\"1\", \"2\""),
                        Part.headers("stale If-Match", "If-Match", "\u00ff\u00fe"),
                        Part.headers("stale If-Match", "If-Match", "\"" + "9".repeat(40) + "\""))
                : Arbitraries.just(Part.headers(null));
        return Combinators.combine(auth, oddOnes, ifMatch).as((a, o, m) -> joined(List.of(a, o, m)));
    }

    private static Part joined(List<Part> parts) {
        List<String> headers = new ArrayList<>();
        List<String> flaws = new ArrayList<>();
        for (Part part : parts) {
            for (int i = 0; i < part.headers().size(); i += 2) {
                // one of each: a later one of the same name takes the place of an earlier one
                String name = part.headers().get(i);
                int at = indexOf(headers, name);
                if (at >= 0) {
                    headers.set(at + 1, part.headers().get(i + 1));
                } else {
                    headers.add(name);
                    headers.add(part.headers().get(i + 1));
                }
            }
            if (part.flaw() != null) {
                flaws.add(part.flaw());
            }
        }
        return new Part("", headers, null, flaws.isEmpty() ? null : String.join(", ", flaws));
    }

    private static int indexOf(List<String> headers, String name) {
        for (int i = 0; i < headers.size(); i += 2) {
            if (headers.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    // -- valid specs at the edges of every rule (SpecValidator, DatabaseRules, ServiceRules)

    /** Regions whose zones the emulator has three of, so that every zone count is valid there. */
    private static final List<String> REGIONS = List.of("eu-central-1", "us-east-1", "eu-west-1", "us-west-2");

    private static final List<String> CIDRS = List.of(
            "10.0.0.0/16",
            "10.255.255.0/24",
            "172.16.0.0/16",
            "172.31.255.0/24",
            "192.168.0.0/16",
            "192.168.255.0/24",
            "10.128.0.0/20");
    /** Fargate's sizes at their edges: each CPU with its least and most memory. */
    private static final List<int[]> FARGATE = List.of(
            new int[] {256, 512},
            new int[] {256, 2048},
            new int[] {512, 1024},
            new int[] {512, 4096},
            new int[] {1024, 2048},
            new int[] {1024, 8192},
            new int[] {2048, 4096},
            new int[] {2048, 16384},
            new int[] {4096, 8192},
            new int[] {4096, 30720},
            new int[] {8192, 16384},
            new int[] {8192, 61440},
            new int[] {16384, 32768},
            new int[] {16384, 122880});

    private static Arbitrary<ObjectNode> edgeSpecs() {
        return Arbitraries.frequencyOf(Tuple.of(4, written()), Tuple.of(1, presetWithOverrides()));
    }

    /** A spec written out: every section present or absent, each field absent or at an edge. */
    private static Arbitrary<ObjectNode> written() {
        return Arbitraries.of(true, false)
                .flatMap(service -> Arbitraries.of("postgres", "mysql", "dynamodb", "none")
                        .flatMap(engine -> Combinators.combine(
                                        base(),
                                        network(
                                                service || !engine.equals("dynamodb") && !engine.equals("none"),
                                                service),
                                        database(engine),
                                        fileSystem(),
                                        service ? serviceSection(engine) : Arbitraries.just(NODES.nullNode()),
                                        Arbitraries.of(true, false),
                                        Arbitraries.of(true, false))
                                .as((spec, network, database, files, app, cdn, alarms) -> {
                                    spec.set("network", network);
                                    setUnlessNull(spec, "database", database);
                                    setUnlessNull(spec, "fileSystem", files);
                                    if (service) {
                                        spec.set("service", app);
                                        if (cdn) {
                                            spec.putObject("cdn").put("staticSite", alarms);
                                        }
                                        if (alarms) {
                                            spec.putObject("alarms").put("enabled", true);
                                        }
                                    } else if (cdn) {
                                        // off, a section may be present without what it needs
                                        spec.putObject("cdn").put("enabled", false);
                                    }
                                    return spec;
                                })));
    }

    private static void setUnlessNull(ObjectNode spec, String field, JsonNode value) {
        if (!value.isNull()) {
            spec.set(field, value);
        }
    }

    /** Name, region, tags and drift policy. */
    private static Arbitrary<ObjectNode> base() {
        Arbitrary<String> names = Arbitraries.of(
                "abc", "a-9", "z" + "9".repeat(38) + "z", "a" + "-b".repeat(19) + "c", "x" + "y".repeat(39));
        Arbitrary<JsonNode> tags = Arbitraries.of(
                NODES.nullNode(),
                NODES.objectNode(),
                manyTags(),
                NODES.objectNode().put("t", "").put("Ümlaut Straße", "Grüße = +-_./: 42"));
        Arbitrary<String> drift = Arbitraries.of("", "report", "repair");
        return Combinators.combine(names, Arbitraries.of(REGIONS), tags, drift).as((name, region, tag, policy) -> {
            ObjectNode spec = NODES.objectNode().put("name", name).put("region", region);
            setUnlessNull(spec, "tags", tag);
            if (!policy.isEmpty()) {
                spec.put("driftPolicy", policy);
            }
            return spec;
        });
    }

    /** As many tags as a spec takes, keys and values of the longest. */
    private static JsonNode manyTags() {
        ObjectNode tags = NODES.objectNode();
        for (int i = 0; i < 40; i++) {
            tags.put(String.format("%03d", i) + "k".repeat(125), "v".repeat(256));
        }
        return tags;
    }

    /** @param twoZones a service or an RDS database needs two zones at least */
    private static Arbitrary<JsonNode> network(boolean twoZones, boolean service) {
        Arbitrary<Integer> zones = twoZones ? Arbitraries.of(0, 2, 3) : Arbitraries.of(0, 1, 2, 3);
        Arbitrary<String> nat =
                service ? Arbitraries.of("", "single", "per-az") : Arbitraries.of("", "single", "per-az", "none");
        return Combinators.combine(Arbitraries.of(CIDRS), zones, nat).as((cidr, count, mode) -> {
            ObjectNode network = NODES.objectNode().put("cidr", cidr);
            if (count > 0) {
                network.put("availabilityZones", count);
            }
            if (!mode.isEmpty()) {
                network.put("natGateways", mode);
            }
            return network;
        });
    }

    private static Arbitrary<JsonNode> database(String engine) {
        if (engine.equals("none")) {
            return Arbitraries.of(
                    NODES.nullNode(), NODES.objectNode().put("enabled", false).put("engine", "mysql"));
        }
        if (engine.equals("dynamodb")) {
            return Arbitraries.of(
                    NODES.objectNode().put("engine", "dynamodb"),
                    NODES.objectNode().put("engine", "dynamodb").put("onDelete", "delete"));
        }
        int longestName = engine.equals("mysql") ? 64 : 63;
        return Combinators.combine(
                        Arbitraries.of("", "db.t4g.micro", "db.r6g.16xlarge"),
                        Arbitraries.of(0, 20, 65536),
                        Arbitraries.of(-1, 0, 35),
                        Arbitraries.of("", "true", "false"),
                        Arbitraries.of("", "true", "false"),
                        Arbitraries.of("", "snapshot", "retain", "delete"),
                        Arbitraries.of(
                                "",
                                "name:d",
                                "name:" + "d".repeat(longestName),
                                "snapshot:s" + "-s".repeat(127),
                                "snapshot:arn:aws:rds:eu-central-1:123456789012:snapshot:" + "s".repeat(255)))
                .as((instanceClass, storage, retention, multiAz, proxy, onDelete, source) -> {
                    ObjectNode db = NODES.objectNode().put("engine", engine);
                    if (!instanceClass.isEmpty()) {
                        db.put("instanceClass", instanceClass);
                    }
                    if (storage > 0) {
                        db.put("storageGb", storage);
                    }
                    if (retention >= 0) {
                        db.put("backupRetentionDays", retention);
                    }
                    if (!multiAz.isEmpty()) {
                        db.put("multiAz", Boolean.parseBoolean(multiAz));
                        db.put("deletionProtection", Boolean.parseBoolean(multiAz));
                    }
                    if (!proxy.isEmpty()) {
                        db.put("proxy", Boolean.parseBoolean(proxy));
                    }
                    if (!onDelete.isEmpty()) {
                        db.put("onDelete", onDelete);
                    }
                    if (source.startsWith("name:")) {
                        db.put("name", source.substring("name:".length()));
                    } else if (source.startsWith("snapshot:")) {
                        db.put("restoreFromSnapshot", source.substring("snapshot:".length()));
                    }
                    return db;
                });
    }

    private static Arbitrary<JsonNode> fileSystem() {
        return Arbitraries.of(
                NODES.nullNode(),
                NODES.objectNode(),
                NODES.objectNode().put("enabled", false),
                NODES.objectNode().put("mountPath", "/d"),
                NODES.objectNode().put("mountPath", "/" + "a._-/".repeat(50) + "abcd"));
    }

    private static Arbitrary<JsonNode> serviceSection(String engine) {
        Arbitrary<String> images = Arbitraries.of(
                "nginx",
                "public.ecr.aws/nginx/nginx:stable",
                "a".repeat(255),
                "registry.example.com:5000/team/app_1__x-y:" + "T".repeat(128),
                "nginx@sha256:" + "a".repeat(64));
        Arbitrary<String> paths = Arbitraries.of("", "/", "/" + "h".repeat(1023), "/~!$&'()*+,;=:@%-._/");
        Arbitrary<JsonNode> environment = Arbitraries.of(
                NODES.nullNode(),
                NODES.objectNode(),
                manyVariables(),
                NODES.objectNode().put("_", "").put("A" + "b".repeat(254), "x".repeat(10_000)));
        Arbitrary<JsonNode> variables = Arbitraries.of(
                NODES.nullNode(),
                NODES.objectNode()
                        .put("host", "H")
                        .put("port", "P")
                        .put("username", "U")
                        .put("password", "W"),
                NODES.objectNode().put("host", "_" + "h".repeat(254)));
        return Combinators.combine(
                        images,
                        Arbitraries.of(0, 1, 65535),
                        Arbitraries.of(FARGATE),
                        paths,
                        environment,
                        variables,
                        scaling())
                .as((image, port, size, path, env, vars, autoscaling) -> {
                    ObjectNode app = NODES.objectNode().put("image", image);
                    if (port > 0) {
                        app.put("port", port);
                    }
                    app.put("cpu", size[0]).put("memory", size[1]);
                    if (!path.isEmpty()) {
                        app.put("healthCheckPath", path);
                    }
                    setUnlessNull(app, "environment", env);
                    setUnlessNull(app, "databaseVariables", vars);
                    if (autoscaling.isNull()) {
                        app.put("desiredCount", size[0] % 512 == 0 ? 1000 : 0);
                    } else {
                        app.set("autoscaling", autoscaling);
                        app.put("desiredCount", autoscaling.path("max").asInt());
                    }
                    return app;
                });
    }

    /** As many variables as a service takes, none of them one plinth sets. */
    private static JsonNode manyVariables() {
        ObjectNode variables = NODES.objectNode();
        for (int i = 0; i < 100; i++) {
            variables.put("V" + i + "_" + "x".repeat(200), "value " + i);
        }
        return variables;
    }

    private static Arbitrary<JsonNode> scaling() {
        Arbitrary<JsonNode> schedules = Arbitraries.of(
                NODES.nullNode(),
                NODES.arrayNode(),
                manySchedules(),
                NODES.arrayNode()
                        .add(schedule("s", "at(2030-01-01T00:00:00)", 0, 0))
                        .add(schedule("t", "rate(1 minute)", 1000, 1000)));
        return Combinators.combine(
                        Arbitraries.of(
                                new int[] {0, 1}, new int[] {1000, 1000}, new int[] {0, 1000}, new int[] {-1, 1}),
                        Arbitraries.of(0, 10, 90),
                        Arbitraries.of(0, 10, 90),
                        schedules,
                        Arbitraries.of(true, false))
                .as((bounds, cpu, memory, plan, on) -> {
                    if (!on) {
                        return NODES.nullNode();
                    }
                    ObjectNode scaling = NODES.objectNode().put("max", bounds[1]);
                    if (bounds[0] >= 0) {
                        scaling.put("min", bounds[0]);
                    }
                    if (cpu > 0) {
                        scaling.put("cpuTarget", cpu);
                    }
                    if (memory > 0) {
                        scaling.put("memoryTarget", memory);
                    }
                    setUnlessNull(scaling, "schedules", plan);
                    return scaling;
                });
    }

    /** Twenty schedules, names of 64 characters. */
    private static JsonNode manySchedules() {
        ArrayNode schedules = NODES.arrayNode();
        for (int i = 0; i < 20; i++) {
            schedules.add(
                    schedule(String.format("%02d", i) + "_-".repeat(31), "cron(0/5 " + i + " ? * MON-FRI *)", i, 1000));
        }
        return schedules;
    }

    private static ObjectNode schedule(String name, String cron, int min, int max) {
        return NODES.objectNode()
                .put("name", name)
                .put("cron", cron)
                .put("min", min)
                .put("max", max);
    }

    /** A preset named, with overrides at the edges. */
    private static Arbitrary<ObjectNode> presetWithOverrides() {
        return Combinators.combine(
                        base(),
                        Arbitraries.of("wordpress", "web-app", "spa-api", "monitored-app"),
                        Arbitraries.of(CIDRS),
                        Arbitraries.of("nginx", "a".repeat(255)),
                        Arbitraries.of(true, false))
                .as((spec, preset, cidr, image, more) -> {
                    spec.put("preset", preset);
                    spec.putObject("network").put("cidr", cidr);
                    spec.putObject("service").put("image", image);
                    if (more) {
                        spec.putObject("alarms").put("enabled", true);
                        spec.putObject("fileSystem").put("mountPath", "/" + "m".repeat(254));
                    }
                    return spec;
                });
    }

    // -- bodies

    private Arbitrary<Part> payload(Operation op) {
        if (!op.takesBody()) {
            // a body where none is taken is ignored, or refused
            return Arbitraries.frequencyOf(
                    Tuple.of(8, Arbitraries.just(Part.of("no body", null))),
                    Tuple.of(
                            1,
                            Combinators.combine(contentTypes(op), structural())
                                    .as((type, body) -> new Part(
                                            body.text() + " as " + type.text(), type.headers(), body.body(), null))));
        }
        Arbitrary<Part> body = Arbitraries.frequencyOf(
                Tuple.of(
                        6,
                        documents(op)
                                .map(doc -> new Part("a mutated document", List.of(), bytes(doc), flawOfBody(op)))),
                Tuple.of(2, documents(op).flatMap(doc -> encoded(doc, flawOfBody(op)))),
                Tuple.of(2, structural()));
        return Combinators.combine(contentTypes(op), body).as((type, b) -> {
            String flaw = Arrays.asList(type.flaw(), b.flaw()).stream()
                    .filter(f -> f != null)
                    .collect(Collectors.joining(", "));
            return new Part(b.text() + " as " + type.text(), type.headers(), b.body(), flaw.isEmpty() ? null : flaw);
        });
    }

    /**
     * Why a document sent to the operation is refused whatever the mutations did: a create or a plan of a new
     * environment would otherwise ask AWS for the region's zones, so each spec's name is never a valid one; a
     * token's role is never one, nor an orphan's region. A change of a stored environment never carries a
     * matching If-Match (see the headers), and a plan of a change reaches neither AWS nor the engine.
     */
    private static String flawOfBody(Operation op) {
        return switch (op.name()) {
            case "POST /environments", "POST /plans" -> "the spec's name";
            case "POST /tokens" -> "the token's role";
            case "POST /orphans/delete" -> "the region";
            default -> null;
        };
    }

    private static Arbitrary<Part> contentTypes(Operation op) {
        String json = "application/json";
        boolean patch = op.name().equals("PATCH /environments/{id}");
        boolean either = patch || op.name().equals("POST /environments/{id}/plan");
        List<Tuple.Tuple2<String, String>> types = new ArrayList<>(List.of(
                Tuple.of("text/plain", "text/plain"),
                Tuple.of("application/xml", "application/xml"),
                Tuple.of("multipart/form-data", "multipart/form-data without a boundary"),
                Tuple.of("multipart/form-data; boundary=xyz", "multipart/form-data"),
                Tuple.of("application/x-www-form-urlencoded", "a form"),
                Tuple.of(";;;", "a media type that is not one"),
                Tuple.of("", "an empty media type"),
                Tuple.of("application/json; charset=nonsense", "a charset that does not exist"),
                Tuple.of("application/*", "a wildcard media type"),
                Tuple.of("*/*", "a wildcard media type")));
        if (!either) {
            types.add(Tuple.of(MERGE_PATCH, "a merge patch where a whole document is taken"));
        }
        List<String> fine = List.of(
                json,
                "application/json; charset=latin1",
                "application/json; charset=utf-8",
                "application/json; charset=UTF-16",
                "APPLICATION/JSON",
                "application/json;;",
                "application/json; x=\"y\"",
                "application/json; charset=\"utf-8\"; boundary=x");
        Arbitrary<Part> ordinary = Arbitraries.of(fine).map(t -> new Part(t, List.of("Content-Type", t), null, null));
        if (either) {
            ordinary = Arbitraries.oneOf(
                    ordinary,
                    Arbitraries.just(new Part(MERGE_PATCH, List.of("Content-Type", MERGE_PATCH), null, null)));
        }
        if (patch) {
            types.removeIf(t -> t.get1().equals(MERGE_PATCH));
        }
        return Arbitraries.frequencyOf(
                Tuple.of(6, ordinary),
                Tuple.of(
                        3,
                        Arbitraries.of(types)
                                .map(t -> new Part(
                                        t.get2(),
                                        List.of("Content-Type", t.get1()),
                                        null,
                                        "content type " + t.get2()))),
                Tuple.of(1, Arbitraries.just(new Part("no content type", List.of(), null, null))));
    }

    /** Documents of the kind the operation takes, mutated one to three times. */
    private Arbitrary<JsonNode> documents(Operation op) {
        List<String> sources = switch (op.name()) {
            case "POST /tokens" -> List.of("""
                    {"name": "hostile", "role": "superuser", "team": "hostile"}""", """
                    {"name": "not/valid", "role": "root", "expiresInDays": 30}""");
            case "POST /orphans/delete" -> List.of("""
                    {"region": "mars-north-1", "arns": ["arn:aws:ec2:eu-central-1:123456789012:vpc/vpc-00000000"]}""");
            case "PATCH /environments/{id}", "POST /environments/{id}/plan" -> {
                List<String> patches = new ArrayList<>(List.of("""
                        {"service": {"desiredCount": 4}}""", """
                        {"tags": {"team": "blog"}, "database": null}""", """
                        {"network": {"natGateways": "per-az"}, "cdn": {"staticSite": true}}"""));
                patches.addAll(SPECS);
                yield patches;
            }
            default -> SPECS;
        };
        boolean nameless = Set.of("POST /environments", "POST /plans").contains(op.name());
        Arbitrary<UnaryOperator<JsonNode>> mutation = mutations();
        return Combinators.combine(
                        Arbitraries.of(sources),
                        Arbitraries.of(INVALID_NAMES),
                        mutation.list().ofMinSize(1).ofMaxSize(3))
                .as((source, name, mutations) -> {
                    JsonNode document = JSON.readTree(source);
                    if (nameless && document instanceof ObjectNode object) {
                        object.put("name", name);
                    }
                    for (UnaryOperator<JsonNode> m : mutations) {
                        document = m.apply(document);
                    }
                    return document;
                });
    }

    /** Names no environment may have; none of the mutations' values is one either. */
    private static final List<String> INVALID_NAMES = List.of(
            "Hostile_Spec",
            "-leading-hyphen",
            "ab",
            "a".repeat(41),
            "trailing-",
            "UPPER",
            "white space",
            "\u00fcnicode",
            "",
            "9starts-with-a-digit",
            "x");

    private static final List<String> SPECS = specs();

    private static List<String> specs() {
        List<String> specs = new ArrayList<>(List.of(Specs.fullExample(), """
                {"name": "shop", "region": "eu-central-1", "network": {"cidr": "10.42.0.0/16"}}""", """
                {"name": "orders", "region": "us-east-1", "tags": {"team": "payments"},
                 "network": {"cidr": "10.7.0.0/16", "availabilityZones": 2, "natGateways": "single"},
                 "database": {"engine": "mysql", "name": "orders", "multiAz": true, "onDelete": "retain"},
                 "service": {"image": "nginx:1.27", "desiredCount": 2, "environment": {"MODE": "prod"},
                             "autoscaling": {"min": 1, "max": 4, "cpuTarget": 60,
                                             "schedules": [{"name": "night", "cron": "cron(0 18 ? * MON-FRI *)", "min": 0, "max": 0}]}},
                 "driftPolicy": "repair"}""", """
                {"name": "ledger", "region": "eu-west-1", "network": {"cidr": "10.8.0.0/16", "availabilityZones": 2},
                 "database": {"engine": "dynamodb"}}"""));
        for (String preset : List.of("wordpress", "web-app", "spa-api", "monitored-app")) {
            specs.add("""
                    {"name": "blog", "region": "eu-central-1", "preset": "%s", "service": {"image": "nginx"}}""".formatted(preset));
        }
        return specs;
    }

    private static final List<JsonNode> WRONG_TYPES = List.of(
            NODES.stringNode("x"),
            NODES.stringNode(""),
            NODES.numberNode(0),
            NODES.numberNode(-1),
            NODES.numberNode(1.5),
            NODES.booleanNode(true),
            NODES.arrayNode(),
            NODES.objectNode(),
            NODES.arrayNode().addNull(),
            NODES.objectNode().putNull("a"),
            NODES.nullNode());

    private static final List<JsonNode> HUGE_NUMBERS = List.of(
            NODES.numberNode(2147483648L),
            NODES.numberNode(-2147483649L),
            NODES.numberNode(new BigInteger("9223372036854775808")),
            NODES.numberNode(new BigInteger("9".repeat(2_000))),
            NODES.numberNode(new BigDecimal("1e400")),
            NODES.numberNode(new BigDecimal("-1e400")),
            NODES.numberNode(new BigDecimal("1e-400")),
            NODES.numberNode(Long.MIN_VALUE),
            NODES.numberNode(new BigDecimal("1e999999999")));

    private static final List<JsonNode> ODD_STRINGS = List.of(
            NODES.stringNode("x".repeat(1_000_000)),
            NODES.stringNode("\u0000"),
            NODES.stringNode("\u00fc"),
            NODES.stringNode("\uD83D\uDE00"),
            NODES.stringNode("\u202Eshop"),
            NODES.stringNode(" shop "),
            NODES.stringNode("../../etc/passwd"),
            NODES.stringNode("${jndi:ldap://x}"),
            NODES.stringNode("10.0.0.0/16\n"),
            NODES.stringNode("cron(0 18 ? * MON-FRI *"),
            NODES.stringNode("\uDBFF"),
            NODES.stringNode("%s%n%x"),
            NODES.stringNode("<x/>"));

    private static Arbitrary<UnaryOperator<JsonNode>> mutations() {
        return Arbitraries.oneOf(
                replacing(Arbitraries.of(WRONG_TYPES)),
                replacing(Arbitraries.of(HUGE_NUMBERS)),
                replacing(Arbitraries.of(ODD_STRINGS)),
                replacing(Arbitraries.of(2, 100).map(JsonMutations::nestedArrays)),
                replacing(Arbitraries.of(Deep.values()).map(deep -> NODES.stringNode(deep.marker()))),
                replacing(Arbitraries.of(1_000, 100_000).map(HostileRequestsIT::longArray)),
                Arbitraries.integers().between(0, 10_000).map(JsonMutations::removing),
                Combinators.combine(Arbitraries.integers().between(0, 10_000), Arbitraries.of(WRONG_TYPES))
                        .as(JsonMutations::adding));
    }

    /**
     * Nesting too deep to build as a tree here (copying or writing it would overflow this thread's stack): a
     * marker in the document, which the text of the nesting takes the place of once it is written.
     */
    enum Deep {
        ARRAYS_1_001("[".repeat(1_001) + "]".repeat(1_001)),
        ARRAYS_10_000("[".repeat(10_000) + "]".repeat(10_000)),
        OBJECTS_10_000("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000));

        private final String json;

        Deep(String json) {
            this.json = json;
        }

        String marker() {
            return "deep-nesting-" + name();
        }
    }

    private static JsonNode longArray(int size) {
        ArrayNode array = NODES.arrayNode();
        IntStream.range(0, size).forEach(array::add);
        return array;
    }

    private static byte[] bytes(JsonNode document) {
        return written(document).getBytes(StandardCharsets.UTF_8);
    }

    private static String written(JsonNode document) {
        String json = JSON.writeValueAsString(document);
        for (Deep deep : Deep.values()) {
            json = json.replace("\"" + deep.marker() + "\"", deep.json);
        }
        return json;
    }

    /** The document in a wrong encoding, or with bytes that are no encoding at all. */
    private static Arbitrary<Part> encoded(JsonNode document, String flaw) {
        // a character outside ASCII, so that the encodings differ
        JsonNode marked =
                document instanceof ObjectNode object ? object.deepCopy().put("unexpectedÜ", "Grüße") : document;
        String text = written(marked);
        return Arbitraries.of(
                new Part("latin-1", List.of(), text.getBytes(StandardCharsets.ISO_8859_1), flaw),
                new Part(
                        "UTF-16BE with a BOM",
                        List.of(),
                        withBom(new byte[] {(byte) 0xFE, (byte) 0xFF}, text, StandardCharsets.UTF_16BE),
                        flaw),
                new Part(
                        "UTF-16LE with a BOM",
                        List.of(),
                        withBom(new byte[] {(byte) 0xFF, (byte) 0xFE}, text, StandardCharsets.UTF_16LE),
                        flaw),
                new Part("UTF-16 without a BOM", List.of(), text.getBytes(StandardCharsets.UTF_16LE), flaw),
                new Part("UTF-32", List.of(), text.getBytes(Charset.forName("UTF-32")), flaw),
                new Part(
                        "UTF-8 with a BOM",
                        List.of(),
                        withBom(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, text, StandardCharsets.UTF_8),
                        flaw),
                new Part("invalid UTF-8 (0xFF)", List.of(), splice(text, new byte[] {(byte) 0xFF}), flaw),
                new Part("overlong UTF-8", List.of(), splice(text, new byte[] {(byte) 0xC0, (byte) 0x80}), flaw),
                new Part(
                        "a UTF-8 surrogate",
                        List.of(),
                        splice(text, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}),
                        flaw),
                new Part("truncated UTF-8", List.of(), truncatedMultibyte(text), flaw),
                new Part("a NUL byte", List.of(), splice(text, new byte[] {0}), flaw),
                new Part(
                        "cut short",
                        List.of(),
                        Arrays.copyOf(text.getBytes(StandardCharsets.UTF_8), text.length() / 2),
                        "a body cut short"));
    }

    private static byte[] withBom(byte[] bom, String text, Charset charset) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bom);
        out.writeBytes(text.getBytes(charset));
        return out.toByteArray();
    }

    /** {@code bad} put inside the first string value of the UTF-8 text. */
    private static byte[] splice(String text, byte[] bad) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int at = text.indexOf(":\"");
        int cut = at < 0
                ? utf8.length / 2
                : new String(utf8, StandardCharsets.UTF_8).substring(0, at + 2).getBytes(StandardCharsets.UTF_8).length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(utf8, 0, cut);
        out.writeBytes(bad);
        out.write(utf8, cut, utf8.length - cut);
        return out.toByteArray();
    }

    private static byte[] truncatedMultibyte(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(new byte[] {'"', (byte) 0xE2, (byte) 0x82});
        return out.toByteArray();
    }

    /** Bodies that are not a document of any route: deep, huge, wrong at the root, or not JSON. */
    private static Arbitrary<Part> structural() {
        return Arbitraries.of(STRUCTURAL);
    }

    private static final List<Part> STRUCTURAL = List.of(
            text("10,000 nested arrays", "[".repeat(10_000) + "]".repeat(10_000)),
            text("10,000 nested objects", "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)),
            text("10,000 unclosed arrays", "[".repeat(10_000)),
            text("a string of 2 MB", "\"" + "x".repeat(2_000_000) + "\""),
            text("an object with a key of 1 MB", "{\"" + "k".repeat(1_000_000) + "\": 1}"),
            text("a number of 5,000 digits", "9".repeat(5_000)),
            text("a number with an exponent beyond any double", "{\"name\": 1e999999999}"),
            text("NaN", "{\"name\": NaN}"),
            text("Infinity", "{\"network\": {\"availabilityZones\": Infinity}}"),
            text("null", "null"),
            text("an array", "[]"),
            text("a string", "\"spec\""),
            text("a number", "42"),
            text("true", "true"),
            text("an empty object", "{}"),
            text("nothing", ""),
            text("whitespace", " \n\t "),
            text("a comment", "/* */ {}"),
            text("two documents", "{} {}"),
            text("a trailing comma", "{\"name\": \"x\",}"),
            text("single quotes", "{'name': 'x'}"),
            text("duplicate keys", "{\"name\": \"a\", \"name\": \"b\"}"),
            text("an unquoted key", "{name: 1}"),
            text("XML", "<spec><name>x</name></spec>"),
            text("a form", "name=x&region=y"),
            text("a lone surrogate escape", "{\"name\": \"\\uD800\"}"),
            text("a NUL escape", "{\"name\": \"\\u0000\"}"),
            text("control characters", "{\"name\": \"a\u0001b\"}"),
            new Part("random bytes", List.of(), randomBytes(), "a body that is not JSON"));

    private static Part text(String what, String body) {
        return new Part(
                what, List.of(), body.getBytes(StandardCharsets.UTF_8), "a body that is not a document of the route");
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[512];
        new Random(7).nextBytes(bytes);
        return bytes;
    }

    // ---------------------------------------------------------------------------------------------

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "... (" + text.length() + " characters)";
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints()
                .limit(2_000)
                .forEach(c -> out.append(
                        c < 0x20 || c == 0x7f ? String.format("\\x%02x", c) : new String(Character.toChars(c))));
        return out.toString();
    }
}
