package dev.plinth.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.testing.EndToEndTest;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * One AWS call in five answered with throttling or a server error, at random: the SDK's standard
 * retries and the engine's own backoff still bring every environment to READY, and teardown to
 * DELETED with nothing left.
 */
class AwsFaultRateIT extends EndToEndTest {

    private static final double FAULT_RATE = 0.2;

    @AfterEach
    void calm() {
        AWS.clear();
    }

    @Test
    void everyEnvironmentConvergesWhenAFifthOfTheCallsFail() {
        AWS.failRandomly(FAULT_RATE, 42);
        List<String> ids = IntStream.range(0, 3)
                .mapToObj(i -> api.create("""
                {"name": "flaky-%d", "region": "eu-central-1",
                 "network": {"cidr": "10.%d.0.0/16", "availabilityZones": 2, "natGateways": "single"},
                 "database": {"engine": "postgres", "proxy": true},
                 "fileSystem": {},
                 "service": {"image": "public.ecr.aws/nginx/nginx:stable",
                             "autoscaling": {"min": 2, "max": 4, "schedules": [{"name": "nights", "cron": "cron(0 18 ? * MON-FRI *)", "min": 0, "max": 0}]}},
                 "alarms": {}}""".formatted(i, 80 + i)))
                .toList();

        for (String id : ids) {
            JsonNode env = api.await(id, Duration.ofMinutes(4), "READY", "FAILED");
            assertThat(env.path("status").asString()).as(env.toString()).isEqualTo("READY");
        }
        int calls = AWS.calls().size();
        assertThat(AWS.injectedFaults())
                .as("faults injected of %d calls", calls)
                .isGreaterThan((int) (calls * FAULT_RATE * 0.7));
        assertThat(ids.stream()
                        .flatMap(id -> api.events(id).stream())
                        .filter(e -> e.path("type").asString().equals("RETRY_SCHEDULED")))
                .as("the engine retried too")
                .isNotEmpty();

        ids.forEach(id -> api.delete("/environments/" + id));
        for (String id : ids) {
            JsonNode env = api.await(id, Duration.ofMinutes(4), "DELETED", "DELETE_FAILED");
            assertThat(env.path("status").asString()).as(env.toString()).isEqualTo("DELETED");
            assertNothingTagged("eu-central-1", id);
        }
    }
}
