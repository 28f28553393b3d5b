package dev.plinth.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.support.SqlTime;
import dev.plinth.testing.EndToEndTest;
import dev.plinth.testing.PlinthApi;
import dev.plinth.testing.PlinthApi.Reply;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * API tokens, shown once and revocable, minted up to one's own role for one's own team; and teams: an
 * environment is its creator's team's, and every other team gets 404 for it on every route.
 */
class TeamsAndTokensIT extends EndToEndTest {

    private static final String NETWORK_ONLY = """
            {"name": "%s", "region": "eu-central-1",
             "network": {"cidr": "10.90.0.0/16", "availabilityZones": 1, "natGateways": "none"}}""";

    @Autowired
    private JdbcClient jdbc;

    @Test
    void aTokenIsShownOnceKeptAsAHashListedWithoutItAndRevokedAtOnce() {
        Reply minted = api.postJson("/tokens", """
                {"name": "payments-ci", "role": "deployer", "team": "payments", "expiresInDays": 30}""");

        assertThat(minted.status()).as(minted.body()).isEqualTo(201);
        String token = minted.text("/token");
        String id = minted.text("/id");
        assertThat(token).matches("plinth_[0-9A-Za-z]{46}");
        assertThat(minted.headers().firstValue("Location")).contains("/tokens/" + id);
        assertThat(minted.text("/team")).isEqualTo("payments");
        assertThat(minted.text("/createdBy")).isEqualTo("bootstrap-admin");
        assertThat(Duration.between(Instant.now(), Instant.parse(minted.text("/expiresAt"))))
                .isBetween(Duration.ofDays(29), Duration.ofDays(30));
        assertThat(jdbc.sql("select token_hash from api_token where id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo(TokenHash.of(token));

        PlinthApi deployer = api.as(token);
        assertThat(deployer.get("/environments").status()).isEqualTo(200);
        Reply listed = deployer.get("/tokens");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).doesNotContain(token).doesNotContain(TokenHash.of(token));
        JsonNode mine = StreamSupport.stream(listed.json().path("items").spliterator(), false)
                .filter(t -> t.path("id").asString().equals(id))
                .findFirst()
                .orElseThrow();
        assertThat(mine.has("token")).isFalse();
        assertThat(mine.path("lastUsedAt").isMissingNode())
                .as("used a moment ago")
                .isFalse();

        // up to its own role, for its own team
        String viewerToken = deployer.mint("payments-dashboard", "viewer", null);
        Reply higher = deployer.postJson("/tokens", "{\"name\": \"escalation\", \"role\": \"admin\"}");
        assertThat(higher.status()).as(higher.body()).isEqualTo(403);
        assertThat(higher.text("/neededRole")).isEqualTo("admin");
        Reply elsewhere =
                deployer.postJson("/tokens", "{\"name\": \"foreign\", \"role\": \"viewer\", \"team\": \"search\"}");
        assertThat(elsewhere.status()).as(elsewhere.body()).isEqualTo(403);
        PlinthApi viewer = api.as(viewerToken);
        Reply viewerMints = viewer.postJson("/tokens", "{\"name\": \"more\", \"role\": \"viewer\"}");
        assertThat(viewerMints.status()).isEqualTo(403);
        assertThat(viewerMints.text("/neededRole")).isEqualTo("deployer");
        assertThat(viewer.get("/environments").status()).isEqualTo(200);

        // another team's token is not there for it; its own team's is revoked at once
        String otherTeams = api.mint("search-ci", "deployer", "search");
        String viewerId = StreamSupport.stream(
                        deployer.get("/tokens").json().path("items").spliterator(), false)
                .filter(t -> t.path("name").asString().equals("payments-dashboard"))
                .findFirst()
                .orElseThrow()
                .path("id")
                .asString();
        assertThat(api.as(otherTeams).delete("/tokens/" + viewerId).status()).isEqualTo(404);
        assertThat(api.as(otherTeams).get("/tokens").body()).doesNotContain("payments");
        assertThat(deployer.delete("/tokens/" + viewerId).status()).isEqualTo(204);
        Reply revoked = viewer.get("/environments");
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.headers().firstValue("WWW-Authenticate")).contains("Bearer error=\"invalid_token\"");
        assertThat(deployer.delete("/tokens/" + viewerId).status())
                .as("revoked already")
                .isEqualTo(404);
        for (String operation : operations(path -> !path.startsWith("/actuator/"))) {
            String method = operation.substring(0, operation.indexOf(' '));
            String path = operation
                    .substring(operation.indexOf(' ') + 1)
                    .replace("{id}", viewerId)
                    .replace("{name}", "wordpress");
            Reply refused =
                    viewer.sendOutsideContract(method, path, "application/json", method.equals("GET") ? null : "{}");
            assertThat(refused.status())
                    .as("%s with a revoked token", operation)
                    .isEqualTo(401);
        }

        // an expired one is refused as a revoked one is
        jdbc.sql("update api_token set expires_at = ? where id = ?")
                .params(SqlTime.param(Instant.now().minusSeconds(1)), id)
                .update();
        assertThat(deployer.get("/environments").status()).isEqualTo(401);
        assertThat(AWS.calls()).as("no AWS call to mint, list or revoke").isEmpty();
    }

    @Test
    void aMintIsRefusedWithEveryBrokenRuleNamed() {
        Reply reply = api.postJson("/tokens", """
                {"name": "has spaces", "role": "root", "expiresInDays": 400, "scope": "all"}""");

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.json()
                        .path("violations")
                        .valueStream()
                        .map(v -> v.path("field").asString() + " "
                                + v.path("rule").asString()))
                .containsExactlyInAnyOrder("scope unknown-field", "name pattern", "role one-of", "expiresInDays range");
        Reply reserved = api.postJson("/tokens", "{\"name\": \"bootstrap-admin\", \"role\": \"admin\"}");
        assertThat(reserved.status()).as(reserved.body()).isEqualTo(400);
        assertThat(reserved.text("/violations/0/rule")).isEqualTo("reserved");
        Reply teamless = api.postJson("/tokens", "{\"name\": \"no-team\", \"role\": \"viewer\"}");
        assertThat(teamless.status())
                .as("an admin of every team names the team of a viewer's token")
                .isEqualTo(400);
        assertThat(teamless.text("/violations/0/field")).isEqualTo("team");
        assertThat(api.postJson("/tokens", "[]").status()).isEqualTo(400);
        assertThat(api.postJson(
                                "/tokens",
                                "{\"name\": \"huge\", \"role\": \"viewer\", \"team\": \"t\", \"expiresInDays\": 1e400}")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void anotherTeamGets404ForAnEnvironmentOnEveryRouteAndNeverSeesItListed() {
        PlinthApi payments = api.as(api.mint("payments-deployer", "deployer", "payments"));
        PlinthApi search = api.as(api.mint("search-deployer", "deployer", "search"));
        Reply created =
                payments.postJson("/environments", NETWORK_ONLY.formatted("team-owned"), "Idempotency-Key", "team-key");
        assertThat(created.status()).as(created.body()).isEqualTo(202);
        String id = created.text("/id");
        assertThat(created.text("/team")).isEqualTo("payments");
        payments.await(id, CONVERGE, "READY");

        List<String> operations = operations(path -> path.startsWith("/environments/{id}"));
        assertThat(operations).hasSizeGreaterThanOrEqualTo(9);
        for (String operation : operations) {
            String method = operation.substring(0, operation.indexOf(' '));
            String path = operation.substring(operation.indexOf(' ') + 1).replace("{id}", id);
            boolean body = !method.equals("GET") && !method.equals("DELETE");
            String type = method.equals("PATCH") ? "application/merge-patch+json" : "application/json";
            Reply reply = search.send(
                    method,
                    path,
                    body ? type : null,
                    body ? (method.equals("PUT") ? NETWORK_ONLY.formatted("team-owned") : "{}") : null,
                    "If-Match",
                    "*");
            assertThat(reply.status())
                    .as("%s as another team: %s", operation, reply.body())
                    .isEqualTo(404);
            assertThat(reply.body()).as(operation).doesNotContain("team-owned").doesNotContain("payments");
        }
        assertThat(search.get("/environments")
                        .json()
                        .path("items")
                        .valueStream()
                        .map(e -> e.path("id").asString()))
                .doesNotContain(id);
        assertThat(search.get("/environments?name=team-owned")
                        .json()
                        .path("items")
                        .isEmpty())
                .isTrue();
        Reply sameKey =
                search.postJson("/environments", NETWORK_ONLY.formatted("team-owned"), "Idempotency-Key", "team-key");
        assertThat(sameKey.status())
                .as("another team's key replays nothing: %s", sameKey.body())
                .isEqualTo(409);
        assertThat(sameKey.body()).doesNotContain(id);

        assertThat(payments.get("/environments")
                        .json()
                        .path("items")
                        .valueStream()
                        .map(e -> e.path("id").asString()))
                .contains(id);
        assertThat(api.get("/environments/" + id).text("/team"))
                .as("an admin sees every team's")
                .isEqualTo("payments");
        assertThat(payments.postJson(
                                "/environments", NETWORK_ONLY.formatted("team-owned"), "Idempotency-Key", "team-key")
                        .text("/id"))
                .as("its own key replays")
                .isEqualTo(id);

        assertThat(payments.delete("/environments/" + id).status()).isEqualTo(202);
        payments.await(id, CONVERGE, "DELETED");
        assertThat(payments.events(id))
                .filteredOn(e -> List.of("ACCEPTED", "DELETE_REQUESTED")
                        .contains(e.path("type").asString()))
                .extracting(e -> e.path("actor").asString())
                .containsExactly("payments-deployer", "payments-deployer");
        assertThat(payments.events(id))
                .filteredOn(e -> e.path("type").asString().equals("READY"))
                .allMatch(e -> e.path("actor").isMissingNode(), "what the engine does on its own names no one");
        assertNothingTagged("eu-central-1", id);
    }

    /** Every operation of the API document on a path {@code paths} accepts, as "METHOD /path/{id}". */
    private static List<String> operations(Predicate<String> paths) {
        List<String> operations = new ArrayList<>();
        new OpenAPIV3Parser().read("openapi.yaml").getPaths().forEach((path, item) -> {
            if (paths.test(path)) {
                item.readOperationsMap().keySet().forEach(method -> operations.add(method + " " + path));
            }
        });
        return operations;
    }
}
