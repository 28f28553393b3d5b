package dev.plinth.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.testing.MotoServer;
import dev.plinth.testing.PlinthApi;
import dev.plinth.testing.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * An ECS service whose tasks never run (its own emulator reports 0 running tasks) fails the
 * environment within the service's readiness timeout, saying what it saw; retry resumes at that step
 * without making anything again. (The emulator never completes a rollout once it has started one,
 * so here the retried service fails again; {@code AwsFaultsIT} shows a retry reaching READY.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// a condition rather than an assumption: the field below starts the emulator as the class loads, and
// failsafe reports a class that an assumption skips as no test at all
@DisabledIfSystemProperty(
        named = MotoServer.EMULATOR,
        matches = "localstack",
        disabledReason =
                "needs a moto server of its own whose ECS services never run a task (MOTO_ECS_SERVICE_RUNNING=0); LocalStack has no equivalent")
class UnstableServiceIT {

    private static final MotoServer NEVER_RUNNING = MotoServer.start(Map.of("MOTO_ECS_SERVICE_RUNNING", "0"));
    private static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(6);

    @LocalServerPort
    private int port;

    private PlinthApi api;

    @DynamicPropertySource
    static void service(DynamicPropertyRegistry registry) {
        registry.add("plinth.aws.endpoint", () -> NEVER_RUNNING.endpoint().toString());
        registry.add("plinth.aws.max-attempts", () -> "2");
        registry.add("plinth.security.bootstrap-admin-token", () -> PlinthApi.ADMIN_TOKEN);
        registry.add(
                "spring.datasource.url",
                () -> "jdbc:h2:mem:unstable;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        registry.add("plinth.engine.polling-interval", () -> "200ms");
        registry.add("plinth.engine.readiness-timeouts[AWS::ECS::Service]", () -> SERVICE_TIMEOUT.toString());
    }

    @BeforeEach
    void setUp() {
        NEVER_RUNNING.reset();
        api = PlinthApi.onPort(port);
    }

    @Test
    void aServiceThatNeverStabilisesFailsWithinItsTimeoutAndRetryResumesOnceItRuns() {
        Instant posted = Instant.now();
        String id = api.create("""
                {"name": "unstable", "region": "eu-central-1",
                 "network": {"cidr": "10.70.0.0/16", "availabilityZones": 2, "natGateways": "single"},
                 "service": {"image": "public.ecr.aws/nginx/nginx:stable", "desiredCount": 2}}""");

        String waitingFor = "ECS service running 0/2 tasks, deployment IN_PROGRESS";
        JsonNode waiting = Waits.until(
                Duration.ofSeconds(60),
                () -> serviceView(id),
                s -> s.has("waitingFor") || s.path("state").asString().equals("FAILED"),
                "the service to wait for its tasks");
        assertThat(waiting.path("state").asString()).isEqualTo("WAITING");
        assertThat(waiting.path("waitingFor").asString())
                .as("the resource view says what it waits for")
                .isEqualTo(waitingFor);

        JsonNode env = api.await(id, Duration.ofSeconds(60), "READY", "FAILED");

        assertThat(env.path("status").asString()).isEqualTo("FAILED");
        assertThat(api.events(id))
                .filteredOn(e -> e.path("type").asString().equals("WAITING"))
                .as("one event says what the service waits for, not one per look")
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.path("resourceKey").asString()).isEqualTo("service");
                    assertThat(e.path("message").asString()).isEqualTo("waiting for " + waitingFor);
                });
        assertThat(serviceView(id).has("waitingFor"))
                .as("a failed resource waits for nothing")
                .isFalse();
        assertThat(env.at("/failure/step").asString()).isEqualTo("service");
        assertThat(env.at("/failure/code").asString()).isEqualTo("ReadinessTimeout");
        assertThat(env.at("/failure/message").asString())
                .contains("not ready within 6s", "ECS service running 0/2 tasks, deployment IN_PROGRESS");
        assertThat(Duration.between(posted, Instant.now()))
                .as("failed within the timeout plus the build-up")
                .isLessThan(SERVICE_TIMEOUT.plusSeconds(40));

        long createsBefore = creates(id);
        var retry = api.postJson("/environments/" + id + "/retry", null);
        assertThat(retry.status()).isEqualTo(202);
        assertThat(retry.text("/status")).isEqualTo("PROVISIONING");

        JsonNode again = api.await(id, Duration.ofSeconds(60), "READY", "FAILED");
        assertThat(again.path("status").asString()).isEqualTo("FAILED");
        assertThat(again.at("/failure/step").asString()).isEqualTo("service");
        assertThat(creates(id)).as("nothing was made again").isEqualTo(createsBefore);
        assertThat(api.events(id))
                .anySatisfy(e -> assertThat(e.path("type").asString()).isEqualTo("RETRY_REQUESTED"));
        assertThat(again.at("/outputs/serviceName").asString())
                .as("what exists is in the outputs")
                .isEqualTo("unstable-service");

        api.delete("/environments/" + id);
        api.await(id, Duration.ofSeconds(60), "DELETED");
    }

    private JsonNode serviceView(String id) {
        for (JsonNode r : api.get("/environments/" + id + "/resources").json().path("items")) {
            if (r.path("key").asString().equals("service")) {
                return r;
            }
        }
        throw new AssertionError("no service among the resources of " + id);
    }

    private long creates(String id) {
        return api.events(id).stream()
                .filter(e -> "CREATE_STARTED".equals(e.path("type").asString()))
                .count();
    }
}
