package dev.plinth.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.testing.EndToEndTest;
import dev.plinth.testing.PlinthApi;
import dev.plinth.testing.PlinthApi.Reply;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Who did what: every change, failed authentication and refused role on record, for admins only. */
class AuditIT extends EndToEndTest {

    private static final String NETWORK_ONLY = """
            {"name": "%s", "region": "eu-central-1",
             "network": {"cidr": "10.91.0.0/16", "availabilityZones": 1, "natGateways": "none"}}""";

    @Test
    void aCreateAndADeleteAreOnRecordWithActorTeamRoleRouteStatusAndRequestId() {
        Instant start = Instant.now();
        String token = api.mint("audited-deployer", "deployer", "payments");
        PlinthApi deployer = api.as(token);
        Reply created =
                deployer.postJson("/environments", NETWORK_ONLY.formatted("audited"), "X-Request-Id", "portal-req-1");
        assertThat(created.status()).as(created.body()).isEqualTo(202);
        String id = created.text("/id");
        deployer.await(id, CONVERGE, "READY");
        Reply deleted = deployer.delete("/environments/" + id);
        String deleteRequestId = deleted.headers().firstValue("X-Request-Id").orElseThrow();
        deployer.await(id, CONVERGE, "DELETED");
        Reply refused =
                api.as("plinth_not-a-real-token").sendOutsideContract("DELETE", "/environments/" + id, null, null);
        assertThat(refused.status()).isEqualTo(401);

        List<JsonNode> entries = api.get("/audit?environment=" + id)
                .json()
                .path("items")
                .valueStream()
                .toList();

        assertThat(entries)
                .extracting(e -> e.path("method").asString() + " "
                        + e.path("route").asString() + " " + e.path("status").asInt() + " "
                        + e.path("actor").asString(null))
                .containsExactly(
                        "DELETE /environments/{id} 202 audited-deployer", "POST /environments 202 audited-deployer");
        JsonNode create = entries.getLast();
        assertThat(create.path("team").asString()).isEqualTo("payments");
        assertThat(create.path("role").asString()).isEqualTo("deployer");
        assertThat(create.path("requestId").asString())
                .as("the caller's own id")
                .isEqualTo("portal-req-1");
        assertThat(entries.getFirst().path("requestId").asString()).isEqualTo(deleteRequestId);
        assertThat(Instant.parse(create.path("at").asString())).isAfterOrEqualTo(start.minusSeconds(1));

        JsonNode failure = api.get("/audit?since=" + start)
                .json()
                .path("items")
                .valueStream()
                .filter(e -> e.path("status").asInt() == 401)
                .findFirst()
                .orElseThrow();
        assertThat(failure.has("actor")).as("no one was authenticated").isFalse();
        assertThat(failure.path("route").asString()).isEqualTo("/environments/" + id);
        assertThat(api.get("/audit?actor=audited-deployer")
                        .json()
                        .path("items")
                        .valueStream()
                        .map(e -> e.path("method").asString()))
                .as("reads are not changes")
                .doesNotContain("GET");
        assertThat(api.get("/audit").body()).doesNotContain(token).doesNotContain("plinth_not-a-real-token");

        Reply notAnAdmin = deployer.get("/audit");
        assertThat(notAnAdmin.status()).isEqualTo(403);
        assertThat(notAnAdmin.text("/neededRole")).isEqualTo("admin");
        assertThat(api.get("/audit?actor=audited-deployer")
                        .json()
                        .path("items")
                        .valueStream()
                        .map(e -> e.path("method").asString() + " "
                                + e.path("route").asString() + " "
                                + e.path("status").asInt()))
                .as("a role refused is on record, a read let through is not")
                .contains("GET /audit 403")
                .doesNotContain("GET /environments/{id} 200");
    }

    @Test
    void theRecordPagesNewestFirstWithoutGapsOrRepeats() {
        PlinthApi viewer = api.as(api.mint("audit-pager", "viewer", "paging"));
        for (int i = 0; i < 5; i++) {
            assertThat(viewer.postJson("/plans", NETWORK_ONLY.formatted("p" + i))
                            .status())
                    .isEqualTo(403);
        }

        Reply first = api.get("/audit?actor=audit-pager&limit=2");
        Reply second = api.get("/audit?actor=audit-pager&limit=2&pageToken=" + first.text("/nextPageToken"));
        Reply third = api.get("/audit?actor=audit-pager&limit=2&pageToken=" + second.text("/nextPageToken"));

        List<Long> ids = java.util.stream.Stream.of(first, second, third)
                .flatMap(page -> page.json().path("items").valueStream())
                .map(e -> e.path("id").asLong())
                .toList();
        assertThat(ids).hasSize(5).doesNotHaveDuplicates().isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(third.json().has("nextPageToken")).isFalse();
        assertThat(api.get("/audit?limit=0").status()).isEqualTo(400);
    }
}
