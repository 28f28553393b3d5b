package dev.plinth.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.testing.EndToEndTest;
import dev.plinth.testing.PlinthApi.Reply;
import dev.plinth.testing.Specs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The timeline of a change tells what the change did: only the resources it changed write events,
 * as updates with the attributes and the real duration; the timeline reads in pages and by filter.
 */
class UpdateEventsIT extends EndToEndTest {

    @Test
    void aOneFieldPatchOfEveryLayerWritesOnlyTheUpdatesOfWhatItChanged() {
        String id = api.create(Specs.fullExample());
        JsonNode ready = api.await(id, CONVERGE, "READY", "FAILED");
        assertThat(ready.path("status").asString()).as(ready.toString()).isEqualTo("READY");

        Instant patched = Instant.now();
        Reply patch =
                api.patch(id, "", "{\"service\": {\"environment\": {\"APP_MODE\": \"production\"}}}", api.etag(id));
        assertThat(patch.status()).as(patch.body()).isEqualTo(202);
        JsonNode after = api.await(id, CONVERGE, "READY", "FAILED");
        assertThat(after.path("status").asString()).as(after.toString()).isEqualTo("READY");
        Duration took = Duration.between(patched, Instant.now());

        // the new deployment rolls out as on AWS (IN_PROGRESS with no task running for a while): what the service
        // waits for then is progress, written as WAITING events, and only by the service
        List<JsonNode> all = api.eventsSinceLast(id, "SPEC_CHANGED");
        assertThat(all.stream().filter(e -> e.path("type").asString().equals("WAITING")))
                .allSatisfy(e -> assertThat(e.path("resourceKey").asString()).isEqualTo("service"));
        List<JsonNode> since = all.stream()
                .filter(e -> !e.path("type").asString().equals("WAITING"))
                .toList();
        assertThat(since.stream()
                        .map(e -> e.path("type").asString() + " "
                                + e.path("resourceKey").asString())
                        .toList())
                .as("every event the change wrote")
                .containsExactly(
                        "SPEC_CHANGED ",
                        "UPDATE_STARTED task-definition",
                        "UPDATE_FINISHED task-definition",
                        "UPDATE_STARTED service",
                        "UPDATE_FINISHED service",
                        "READY ");
        assertThat(since.get(1).path("message").asString()).contains("APP_MODE", "staging", "production");
        assertThat(since.get(3).path("message").asString()).contains("task-definition");
        assertThat(List.of(since.get(2), since.get(4)))
                .allSatisfy(finished -> assertThat(
                                Duration.ofMillis(finished.path("durationMs").asLong()))
                        .as("from the update's start")
                        .isLessThanOrEqualTo(took));

        api.delete("/environments/" + id);
        api.await(id, CONVERGE, "DELETED");
    }

    @Test
    void theTimelineReadsInPagesFollowingTheCursorAndByResourceAndType() {
        String id = api.create("""
                {"name": "paged", "region": "eu-central-1",
                 "network": {"cidr": "10.75.0.0/16", "availabilityZones": 1, "natGateways": "none"}}""");
        api.await(id, CONVERGE, "READY");
        List<JsonNode> all = api.events(id);

        List<JsonNode> paged = new ArrayList<>();
        String query = "?limit=3";
        while (query != null) {
            JsonNode page = api.get("/environments/" + id + "/events" + query).json();
            assertThat(page.path("items").size()).isBetween(1, 3);
            page.path("items").forEach(paged::add);
            query = page.has("nextCursor")
                    ? "?limit=3&after=" + page.path("nextCursor").asLong()
                    : null;
        }
        assertThat(paged).as("the pages, one after the other").isEqualTo(all);
        assertThat(all).extracting(e -> e.path("id").asLong()).isSorted();
        JsonNode last =
                api.get("/environments/" + id + "/events?limit=" + all.size()).json();
        assertThat(last.has("nextCursor")).as("nothing more remains").isFalse();

        JsonNode vpc = api.get("/environments/" + id + "/events?resource=vpc").json();
        assertThat(vpc.path("items").valueStream().toList())
                .isNotEmpty()
                .isEqualTo(all.stream()
                        .filter(e -> e.path("resourceKey").asString().equals("vpc"))
                        .toList());
        JsonNode finished = api.get("/environments/" + id + "/events?type=CREATE_FINISHED,READY&limit=2")
                .json();
        assertThat(finished.path("items")
                        .valueStream()
                        .map(e -> e.path("type").asString())
                        .toList())
                .containsExactly("CREATE_FINISHED", "CREATE_FINISHED");
        JsonNode rest = api.get("/environments/" + id + "/events?type=CREATE_FINISHED&type=READY&after="
                        + finished.path("nextCursor").asLong())
                .json();
        assertThat(Stream.concat(
                                finished.path("items").valueStream(),
                                rest.path("items").valueStream())
                        .toList())
                .as("comma-separated or repeated, the same types")
                .isEqualTo(all.stream()
                        .filter(e -> List.of("CREATE_FINISHED", "READY")
                                .contains(e.path("type").asString()))
                        .toList());

        assertInvalid(id, "?type=CREATE_FINISHED,FINISHED", "type", "FINISHED");
        assertInvalid(id, "?limit=0", "limit", "1 to 1000");
        assertInvalid(id, "?limit=1001", "limit", "1 to 1000");
        assertInvalid(id, "?after=-1", "after", "0 or more");

        api.delete("/environments/" + id);
        api.await(id, CONVERGE, "DELETED");
    }

    private void assertInvalid(String id, String query, String field, String saying) {
        Reply reply = api.get("/environments/" + id + "/events" + query);
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().at("/violations/0/field").asString()).isEqualTo(field);
        assertThat(reply.json().at("/violations/0/message").asString()).contains(saying);
    }
}
