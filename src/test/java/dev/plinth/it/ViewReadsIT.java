package dev.plinth.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.testing.EndToEndTest;
import dev.plinth.testing.PlinthApi.Reply;
import dev.plinth.testing.SqlStatements;
import org.junit.jupiter.api.Test;

/**
 * What reading an environment costs the database: portals poll {@code GET /environments/{id}} every few
 * seconds, so a poll whose answer did not change is one query and no building of the view.
 */
class ViewReadsIT extends EndToEndTest {

    private static final String NETWORK_ONLY = """
            {"name": "polled", "region": "eu-central-1",
             "network": {"cidr": "10.44.0.0/16", "availabilityZones": 2, "natGateways": "single"}}""";

    @Test
    void aPollOfAnUnchangedEnvironmentIsOneQueryWhetherAnswered200Or304() {
        String id = api.create(NETWORK_ONLY);
        api.await(id, CONVERGE, "READY");
        String path = "/environments/" + id;
        Reply first = api.get(path);
        String etag = first.headers().firstValue("ETag").orElseThrow();

        SqlStatements.clear();
        Reply again = api.get(path);
        var whole = SqlStatements.ofRequests();
        SqlStatements.clear();
        Reply unchanged = api.send("GET", path, null, null, "If-None-Match", etag);
        var notModified = SqlStatements.ofRequests();

        assertThat(again.headers().firstValue("ETag")).as("nothing changed").contains(etag);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(whole).as("the view kept from the last read").hasSize(1);
        assertThat(unchanged.status()).isEqualTo(304);
        assertThat(notModified).as("whether it changed").hasSize(1);
        assertThat(notModified.getFirst().sql()).startsWith("select").contains("from environment e where id = ?");
    }
}
