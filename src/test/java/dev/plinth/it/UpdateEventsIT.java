package dev.plinth.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.testing.EndToEndTest;
import dev.plinth.testing.PlinthApi.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The timeline reads in pages and by filter. */
class UpdateEventsIT extends EndToEndTest {

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
            query = page.has("nextCursor") ? "?limit=3&after=" + page.path("nextCursor").asLong() : null;
        }
        assertThat(paged).as("the pages, one after the other").isEqualTo(all);
        assertThat(all).extracting(e -> e.path("id").asLong()).isSorted();
        JsonNode last = api.get("/environments/" + id + "/events?limit=" + all.size()).json();
        assertThat(last.has("nextCursor")).as("nothing more remains").isFalse();

        JsonNode vpc = api.get("/environments/" + id + "/events?resource=vpc").json();
        assertThat(vpc.path("items").valueStream().toList()).isNotEmpty()
                .isEqualTo(all.stream().filter(e -> e.path("resourceKey").asString().equals("vpc")).toList());
        JsonNode finished = api.get("/environments/" + id + "/events?type=CREATE_FINISHED,READY&limit=2").json();
        assertThat(finished.path("items").valueStream().map(e -> e.path("type").asString()).toList())
                .containsExactly("CREATE_FINISHED", "CREATE_FINISHED");
        JsonNode rest = api.get("/environments/" + id + "/events?type=CREATE_FINISHED&type=READY&after="
                + finished.path("nextCursor").asLong()).json();
        assertThat(Stream.concat(finished.path("items").valueStream(), rest.path("items").valueStream()).toList())
                .as("comma-separated or repeated, the same types")
                .isEqualTo(all.stream().filter(e -> List.of("CREATE_FINISHED", "READY").contains(e.path("type").asString())).toList());

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
