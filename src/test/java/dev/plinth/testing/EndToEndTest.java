package dev.plinth.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.engine.Tags;
import dev.plinth.testing.behaviour.AwsTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import tools.jackson.databind.JsonNode;

/**
 * The service in this JVM on a random port, its AWS endpoint the emulator behind a {@link FaultProxy},
 * its database an in-memory H2. Tests drive it over HTTP and read AWS back with their own SDK
 * clients, straight from the emulator. One context and one emulator serve every test class.
 */
// each test plays an account of its own (quotas, permissions): the preflight remembers nothing between them.
// The rate limits are ServiceProcess.SUITE_RATE_LIMITS: a test class may set its own with @TestPropertySource
@Import(SqlStatements.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "plinth.preflight.keep-for=0s",
            "plinth.security.rate-limit.reads.per-minute=60000",
            "plinth.security.rate-limit.reads.burst=10000",
            "plinth.security.rate-limit.writes.per-minute=6000",
            "plinth.security.rate-limit.writes.burst=1000"
        })
public abstract class EndToEndTest {

    protected static final MotoServer MOTO = MotoServer.shared();
    protected static final FaultProxy AWS = FaultProxy.behavingLikeAws(MOTO.endpoint());
    protected static final Duration CONVERGE = Duration.ofSeconds(60);

    private static final Map<String, Ec2Client> EC2 = new ConcurrentHashMap<>();
    private static final Map<String, RdsClient> RDS = new ConcurrentHashMap<>();

    @LocalServerPort
    private int port;

    protected PlinthApi api;

    @DynamicPropertySource
    static void service(DynamicPropertyRegistry registry) {
        registry.add("plinth.aws.endpoint", () -> AWS.endpoint().toString());
        registry.add("plinth.aws.max-attempts", () -> "2");
        registry.add("plinth.security.bootstrap-admin-token", () -> PlinthApi.ADMIN_TOKEN);
        // the retry rules' AWS waits on the emulated AWS's clock, but never under a fiftieth (a 1 min cap becomes 1.2
        // s,
        // a 2 s base 40 ms): the engine's own passes are not shortened
        registry.add(
                "plinth.aws.retry.time-scale",
                () -> String.valueOf(Math.max(0.02, AwsTime.fromSystemProperty().scale())));
        registry.add(
                "spring.datasource.url",
                () ->
                        "jdbc:h2:mem:plinth;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;DB_CLOSE_DELAY=-1");
        registry.add("plinth.engine.polling-interval", () -> "200ms");
        registry.add("plinth.engine.retry-base-delay", () -> "200ms");
        registry.add("plinth.engine.retry-max-delay", () -> "1s");
        // the delete deadlines of application.yaml and of the kinds' entries (aws/ResourceKinds), on the behaviour
        // layer's clock, but never under 5 s: the engine's own passes on a busy 2-core machine are not scaled
        registry.add("plinth.engine.delete-timeout", () -> deadline(Duration.ofMinutes(45)));
        registry.add("plinth.engine.delete-timeouts.[AWS::EC2::EIP]", () -> deadline(Duration.ofMinutes(10)));
        registry.add("plinth.engine.delete-timeouts.[AWS::ECS::Cluster]", () -> deadline(Duration.ofMinutes(10)));
        registry.add("plinth.engine.blocked-delete-interval", () -> "200ms");
        registry.add("plinth.aws.cloudfront.poll-interval", () -> "1s");
        // AWS's minutes are the suite's seconds (AwsTime): a kind's own poll of 30 s would outlast its wait
        registry.add(
                "plinth.engine.max-poll-interval",
                () -> AwsTime.fromSystemProperty().of(ServiceProcess.POLL).toMillis() + "ms");
    }

    /** AWS's {@code real} delete deadline as the behaviour layer lasts it, at least 5 s, as a setting. */
    private static String deadline(Duration real) {
        return Math.max(5_000, AwsTime.fromSystemProperty().of(real).toMillis()) + "ms";
    }

    @BeforeEach
    void freshAws() {
        AWS.clear();
        MOTO.reset();
        AWS.behaviours().reset();
        api = PlinthApi.onPort(port);
    }

    /** An EC2 client straight to the emulator, for reading back what the service made. */
    protected static Ec2Client ec2(String region) {
        return EC2.computeIfAbsent(region, r -> emulated(Ec2Client.builder(), r));
    }

    /** The DB instance in {@code region} tagged with the environment's id. */
    protected static Optional<DBInstance> dbInstanceOf(String region, String environmentId) {
        return RDS
                .computeIfAbsent(region, r -> emulated(RdsClient.builder(), r))
                .describeDBInstances()
                .dbInstances()
                .stream()
                .filter(i -> environmentId.equals(rdsTag(i.tagList(), Tags.ENVIRONMENT_ID)))
                .findFirst();
    }

    /** The value of an RDS resource's tag, or null. */
    protected static String rdsTag(List<software.amazon.awssdk.services.rds.model.Tag> tags, String key) {
        return tags.stream()
                .filter(t -> t.key().equals(key))
                .map(t -> t.value())
                .findFirst()
                .orElse(null);
    }

    /** Any SDK client straight to the shared emulator: {@code emulated(RdsClient.builder(), "eu-central-1")}. */
    protected static <B extends AwsClientBuilder<B, C>, C> C emulated(B builder, String region) {
        return Leftovers.client(builder, MOTO.endpoint(), region);
    }

    /**
     * Nothing adopted or failed, and every retry one AWS itself calls for in a fault-free run: its eventual
     * consistency (an id or a role not yet seen, a listener's target group not yet associated), one change at a
     * time, and what a deleted resource still holds. Never a throttle, a server error or a network error.
     */
    protected static void assertOnlyAwsDocumentedRetries(List<JsonNode> events) {
        assertThat(events)
                .as("nothing adopted or failed")
                .noneMatch(e -> List.of("ADOPTED", "CREATE_FAILED", "DELETE_FAILED")
                        .contains(e.path("type").asString()));
        assertThat(events.stream().filter(e -> e.path("type").asString().equals("RETRY_SCHEDULED")))
                .as("only retries of AWS's eventual consistency, one change at a time and lingering dependencies")
                .allSatisfy(e -> assertThat(e.path("message").asString()).containsAnyOf(DOCUMENTED_RETRIES));
    }

    private static final String[] DOCUMENTED_RETRIES = {
        "(not-found-after-create: ",
        "(iam-propagation: ",
        "(load-balancer-association: ",
        "(concurrent-update: ",
        "(dependency: "
    };

    /** Nothing in the emulator carries the environment's tag: neither EC2 kinds nor anything the tagging API knows. */
    protected static void assertNothingTagged(String region, String environmentId) {
        Leftovers.assertNothingTagged(MOTO.endpoint(), region, environmentId);
    }
}
