package dev.plinth.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.testing.EndToEndTest;
import dev.plinth.testing.PlinthApi;
import dev.plinth.testing.PlinthApi.Reply;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * openapi.yaml and the controllers agree: the service serves the file itself, every route is in the
 * document and every operation of the document has a route, and each status code the document lists
 * for an operation is one a real request gets (every answer is checked against the document too).
 */
// limits the test's own requests stay under, and a caller of its own can use up in a few hundred requests
@TestPropertySource(
        properties = {
            "plinth.security.rate-limit.writes.burst=100", "plinth.security.rate-limit.writes.per-minute=100",
            "plinth.security.rate-limit.reads.burst=300", "plinth.security.rate-limit.reads.per-minute=1200"
        })
class ApiDocumentIT extends EndToEndTest {

    private static final Path DOCUMENT = Path.of("openapi.yaml");
    private static final String NETWORK_ONLY = """
            {"name": "%s", "region": "eu-central-1",
             "network": {"cidr": "10.70.0.0/16", "availabilityZones": 1, "natGateways": "none"}}""";
    private static final String ENVIRONMENT = "/environments/{id}";
    /** Statuses no ordinary request can get here, and where they are shown instead. */
    private static final Map<String, Set<Integer>> NOT_MADE_HERE = Map.of(
            "DELETE " + ENVIRONMENT,
            Set.of(409), // deletion protection: DatabaseTeardownIT
            "POST " + ENVIRONMENT + "/retry",
            Set.of(202), // a FAILED environment: AwsFaultsIT
            "POST /orphans/delete",
            Set.of(200)); // an orphan to delete: OrphansIT

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Test
    void theServiceServesTheDocumentItself() throws IOException {
        Reply served = api.get("/openapi.yaml");

        assertThat(served.status()).isEqualTo(200);
        assertThat(served.contentType()).startsWith("application/yaml");
        assertThat(served.body()).isEqualTo(Files.readString(DOCUMENT));
    }

    @Test
    void everyRouteIsAnOperationOfTheDocumentAndEveryOperationARoute() {
        Set<String> routes = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (ownRoute(handler)) {
                info.getMethodsCondition()
                        .getMethods()
                        .forEach(method -> info.getPathPatternsCondition()
                                .getPatternValues()
                                .forEach(path -> routes.add(method + " " + path)));
            }
        });

        // the actuator's endpoints are not controllers: HealthIT checks them
        assertThat(routes)
                .isEqualTo(documented().keySet().stream()
                        .filter(op -> !op.contains(" /actuator/"))
                        .collect(Collectors.toCollection(TreeSet::new)));
    }

    @Test
    void everyStatusTheDocumentListsIsOneARealRequestGets() {
        String ready = api.create(NETWORK_ONLY.formatted("documented"));
        api.await(ready, CONVERGE, "READY");
        String gone = api.create(NETWORK_ONLY.formatted("gone")); // its spec cannot change, nor can it be retried
        api.delete("/environments/" + gone);
        api.await(gone, CONVERGE, "DELETED");
        String env = "/environments/" + ready;
        String unknownId = "00000000-0000-0000-0000-000000000000";
        String unknown = "/environments/" + unknownId;
        String patch = "application/merge-patch+json";
        String tags = "{\"tags\": {\"team\": \"docs\"}}";
        String put = NETWORK_ONLY.formatted("documented");

        List<Case> cases = new ArrayList<>();
        // without a credential, every operation but health
        PlinthApi anonymous = api.as(null);
        documented().keySet().stream().filter(op -> !op.contains(" /actuator/")).forEach(op -> {
            String method = op.substring(0, op.indexOf(' '));
            String path =
                    op.substring(op.indexOf(' ') + 1).replace("{id}", ready).replace("{name}", "wordpress");
            boolean body = !method.equals("GET") && !method.equals("DELETE");
            cases.add(new Case(
                    op, 401, () -> anonymous.send(method, path, body ? "application/json" : null, body ? "{}" : null)));
        });
        // a role that may not: a viewer for what changes or plans, a deployer for what is an admin's
        PlinthApi viewer = api.as(api.mint("docs-viewer", "viewer", "docs"));
        PlinthApi deployer = api.as(api.mint("docs-deployer", "deployer", "docs"));
        documented().forEach((op, statuses) -> {
            if (statuses.contains(403)) {
                String method = op.substring(0, op.indexOf(' '));
                String path = op.substring(op.indexOf(' ') + 1).replace("{id}", ready);
                boolean body = !method.equals("GET") && !method.equals("DELETE");
                PlinthApi caller = path.startsWith("/orphans") ? deployer : viewer;
                cases.add(new Case(
                        op,
                        403,
                        () -> caller.send(method, path, body ? "application/json" : null, body ? "{}" : null)));
            }
        });
        cases.add(new Case(
                "POST /tokens",
                201,
                () -> api.postJson("/tokens", "{\"name\": \"docs-ci\", \"role\": \"viewer\", \"team\": \"docs\"}")));
        cases.add(new Case("POST /tokens", 400, () -> api.postJson("/tokens", "{\"name\": \"docs-ci\"}")));
        cases.add(new Case("POST /tokens", 415, () -> api.send("POST", "/tokens", "text/plain", "x")));
        cases.add(new Case("GET /tokens", 200, () -> api.get("/tokens")));
        cases.add(new Case("GET /audit", 200, () -> api.get("/audit?limit=5")));
        cases.add(new Case("GET /audit", 400, () -> api.get("/audit?since=yesterday")));
        cases.add(
                new Case("DELETE /tokens/{id}", 404, () -> api.delete("/tokens/00000000-0000-0000-0000-000000000000")));
        cases.add(new Case(
                "DELETE /tokens/{id}",
                204,
                () -> api.delete("/tokens/" + api.get("/tokens?team=docs").text("/items/0/id"))));
        // a caller of its own past its limits, on every operation but health; until then, its requests name no
        // environment, token or preset that exists, or are bodies no operation takes, so that they change nothing.
        // Its token is of a team of its own: the revocation above takes the docs team's first token
        PlinthApi runaway = api.as(api.mint("runaway-script", "admin", "runaway"));
        documented().keySet().stream().filter(op -> !op.contains(" /actuator/")).forEach(op -> {
            String method = op.substring(0, op.indexOf(' '));
            String path =
                    op.substring(op.indexOf(' ') + 1).replace("{id}", unknownId).replace("{name}", "drupal");
            cases.add(new Case(op, 429, () -> untilLimited(runaway, method, path)));
        });
        cases.add(new Case("POST /environments", 400, () -> api.postJson("/environments", "{}")));
        cases.add(new Case(
                "POST /environments", 409, () -> api.postJson("/environments", NETWORK_ONLY.formatted("documented"))));
        cases.add(new Case("POST /environments", 415, () -> api.send("POST", "/environments", "text/plain", "x")));
        cases.add(new Case(
                "POST /environments",
                202,
                () -> api.postJson(
                        "/environments", NETWORK_ONLY.formatted("keyed"), "Idempotency-Key", "documented-1")));
        cases.add(new Case(
                "POST /environments",
                422,
                () -> api.postJson(
                        "/environments", NETWORK_ONLY.formatted("other"), "Idempotency-Key", "documented-1")));
        cases.add(new Case("GET /environments", 200, () -> api.get("/environments")));
        cases.add(new Case("GET /environments", 400, () -> api.get("/environments?limit=0")));
        cases.add(new Case("GET " + ENVIRONMENT, 200, () -> api.get(env)));
        cases.add(new Case("GET " + ENVIRONMENT, 404, () -> api.get(unknown)));
        cases.add(new Case("GET " + ENVIRONMENT, 304, () -> unchangedSinceRead(env)));
        cases.add(new Case("GET " + ENVIRONMENT + "/resources", 200, () -> api.get(env + "/resources")));
        cases.add(new Case("GET " + ENVIRONMENT + "/resources", 404, () -> api.get(unknown + "/resources")));
        cases.add(new Case("GET " + ENVIRONMENT + "/events", 200, () -> api.get(env + "/events")));
        cases.add(new Case("GET " + ENVIRONMENT + "/events", 400, () -> api.get(env + "/events?limit=0")));
        cases.add(new Case("GET " + ENVIRONMENT + "/events", 404, () -> api.get(unknown + "/events")));
        for (String method : List.of("PATCH", "PUT")) {
            String body = method.equals("PATCH") ? tags : put;
            String type = method.equals("PATCH") ? patch : "application/json";
            String op = method + " " + ENVIRONMENT;
            cases.add(new Case(op, 400, () -> {
                api.await(ready, CONVERGE, "READY"); // the change before this one converged
                return api.send(
                        method, env, type, "{\"name\": 5, \"region\": \"nowhere\"}", "If-Match", api.etag(ready));
            }));
            cases.add(new Case(op, 404, () -> api.send(method, unknown, type, body, "If-Match", "*")));
            cases.add(new Case(op, 409, () -> api.send(method, "/environments/" + gone, type, body, "If-Match", "*")));
            cases.add(new Case(op, 412, () -> api.send(method, env, type, body, "If-Match", "\"0\"")));
            cases.add(new Case(op, 415, () -> api.send(method, env, "text/plain", body, "If-Match", "*")));
            cases.add(new Case(op, 428, () -> api.send(method, env, type, body)));
            cases.add(new Case(op, 202, () -> api.send(method, env, type, body, "If-Match", api.etag(ready))));
        }
        cases.add(new Case("POST " + ENVIRONMENT + "/plan", 200, () -> api.plan(ready, "", tags)));
        cases.add(new Case("POST " + ENVIRONMENT + "/plan", 400, () -> api.plan(ready, "", "{\"region\": 5}")));
        cases.add(
                new Case("POST " + ENVIRONMENT + "/plan", 404, () -> api.send("POST", unknown + "/plan", patch, tags)));
        cases.add(new Case(
                "POST " + ENVIRONMENT + "/plan", 415, () -> api.send("POST", env + "/plan", "text/plain", tags)));
        cases.add(new Case("POST /plans", 200, () -> api.postJson("/plans", NETWORK_ONLY.formatted("planned"))));
        cases.add(new Case("POST /plans", 400, () -> api.postJson("/plans", "[]")));
        cases.add(new Case("POST /plans", 415, () -> api.send("POST", "/plans", "text/plain", "x")));
        cases.add(new Case(
                "POST " + ENVIRONMENT + "/retry", 404, () -> api.send("POST", unknown + "/retry", null, null)));
        cases.add(new Case("POST " + ENVIRONMENT + "/retry", 409, () -> api.send("POST", env + "/retry", null, null)));
        cases.add(new Case(
                "POST " + ENVIRONMENT + "/reconcile", 404, () -> api.send("POST", unknown + "/reconcile", null, null)));
        cases.add(new Case(
                "POST " + ENVIRONMENT + "/reconcile",
                409,
                () -> api.send("POST", "/environments/" + gone + "/reconcile", null, null)));
        cases.add(new Case("POST " + ENVIRONMENT + "/reconcile", 202, () -> {
            api.await(ready, CONVERGE, "READY");
            return api.send("POST", env + "/reconcile", null, null);
        }));
        cases.add(new Case("GET /orphans", 200, () -> api.get("/orphans?region=eu-central-1")));
        cases.add(new Case("GET /orphans", 400, () -> api.get("/orphans")));
        cases.add(new Case("POST /orphans/delete", 400, () -> api.postJson("/orphans/delete", "{}")));
        cases.add(
                new Case(
                        "POST /orphans/delete",
                        409,
                        () -> api.postJson(
                                "/orphans/delete",
                                "{\"region\": \"eu-central-1\", \"arns\": [\"arn:aws:ec2:eu-central-1:123456789012:vpc/vpc-00000000\"]}")));
        cases.add(new Case("POST /orphans/delete", 415, () -> api.send("POST", "/orphans/delete", "text/plain", "x")));
        cases.add(new Case("GET /presets", 200, () -> api.get("/presets")));
        cases.add(new Case("GET /presets/{name}", 200, () -> api.get("/presets/wordpress")));
        cases.add(new Case("GET /presets/{name}", 404, () -> api.get("/presets/drupal")));
        cases.add(new Case("GET /openapi.yaml", 200, () -> api.get("/openapi.yaml")));
        cases.add(new Case("DELETE " + ENVIRONMENT, 404, () -> api.delete(unknown)));
        cases.add(new Case("DELETE " + ENVIRONMENT, 202, () -> api.delete(env)));
        // AWS unavailable: the zones of a region not asked for before, and the tagging API
        cases.add(new Case("POST /environments", 503, () -> {
            AWS.failAlways("DescribeAvailabilityZones", 500, "InternalError", "down");
            return api.postJson(
                    "/environments", NETWORK_ONLY.formatted("unavailable").replace("eu-central-1", "eu-west-3"));
        }));
        cases.add(new Case(
                "POST /plans",
                503,
                () -> api.postJson(
                        "/plans", NETWORK_ONLY.formatted("unavailable").replace("eu-central-1", "eu-north-1"))));
        cases.add(new Case("GET /orphans", 503, () -> {
            AWS.failAlways("GetResources", 500, "InternalError", "down");
            return api.get("/orphans?region=eu-central-1");
        }));
        cases.add(
                new Case(
                        "POST /orphans/delete",
                        503,
                        () -> api.postJson(
                                "/orphans/delete",
                                "{\"region\": \"eu-central-1\", \"arns\": [\"arn:aws:ec2:eu-central-1:123456789012:vpc/vpc-00000000\"]}")));

        Map<String, Set<Integer>> seen = new TreeMap<>();
        for (Case c : cases) {
            Reply reply = c.request().get();
            assertThat(reply.status())
                    .as("%s, expecting %s: %s", c.operation(), c.status(), reply.body())
                    .isEqualTo(c.status());
            seen.computeIfAbsent(c.operation(), op -> new TreeSet<>()).add(c.status());
        }
        AWS.clear();
        api.await(ready, CONVERGE, "DELETED");

        Map<String, Set<Integer>> expected = new TreeMap<>();
        documented().forEach((op, statuses) -> {
            Set<Integer> made = new TreeSet<>(statuses);
            made.remove(500); // an unexpected error: no request makes one on purpose
            made.removeAll(NOT_MADE_HERE.getOrDefault(op, Set.of()));
            if (!op.contains(" /actuator/")) {
                expected.put(op, made);
            }
        });
        assertThat(seen).isEqualTo(expected);
    }

    /** A GET with the ETag just read as If-None-Match: again if the engine changed the view in between. */
    private Reply unchangedSinceRead(String path) {
        Reply reply = null;
        for (int i = 0; i < 5 && (reply == null || reply.status() == 200); i++) {
            String etag = api.get(path).headers().firstValue("ETag").orElseThrow();
            reply = api.send("GET", path, null, null, "If-None-Match", etag);
        }
        return reply;
    }

    /** The request, again and again, until the service refuses it for the caller's rate (429). */
    private static Reply untilLimited(PlinthApi caller, String method, String path) {
        boolean body = !method.equals("GET") && !method.equals("DELETE");
        for (int i = 0; i < 1_000; i++) {
            Reply reply = caller.send(method, path, body ? "application/json" : null, body ? "{}" : null);
            if (reply.status() == 429) {
                return reply;
            }
        }
        throw new AssertionError(method + " " + path + " was never refused for the caller's rate");
    }

    /** A request the test makes, and the status the document says it gets. */
    private record Case(String operation, int status, Supplier<Reply> request) {}

    private static boolean ownRoute(HandlerMethod handler) {
        return handler.getBeanType().getPackageName().startsWith("dev.plinth");
    }

    /** Every operation of the document ({@code "PATCH /environments/{id}"}) with the statuses it lists. */
    private static Map<String, Set<Integer>> documented() {
        Map<String, Set<Integer>> operations = new TreeMap<>();
        new OpenAPIV3Parser()
                .read(DOCUMENT.toString())
                .getPaths()
                .forEach((path, item) -> item.readOperationsMap()
                        .forEach((method, operation) -> operations.put(
                                method + " " + path,
                                operation.getResponses().keySet().stream()
                                        .map(Integer::valueOf)
                                        .collect(Collectors.toCollection(TreeSet::new)))));
        return operations;
    }
}
