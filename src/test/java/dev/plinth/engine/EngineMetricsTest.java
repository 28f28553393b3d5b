package dev.plinth.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.environment.Environment;
import dev.plinth.environment.EnvironmentRepository;
import dev.plinth.environment.EnvironmentStatus;
import dev.plinth.environment.EventLog;
import dev.plinth.environment.EventType;
import dev.plinth.spec.EnvironmentSpec;
import dev.plinth.spec.NatGatewayMode;
import dev.plinth.spec.NetworkSpec;
import dev.plinth.testing.MutableClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import tools.jackson.databind.json.JsonMapper;

/** Which timer an outcome is observed in, and from when, as the timeline tells what the engine was doing. */
class EngineMetricsTest {

    private static final ResourceKind KIND = ResourceKind.of("AWS::EC2::VPC");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private EventLog events;
    private EngineMetrics metrics;
    private Environment env;

    @BeforeEach
    void setUp() {
        var dataSource = new SimpleDriverDataSource(
                new org.h2.Driver(),
                "jdbc:h2:mem:" + UUID.randomUUID()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        events = new EventLog(jdbc, clock);
        metrics = new EngineMetrics(registry, events);
        env = Environment.accept(
                UUID.randomUUID().toString(),
                null,
                new EnvironmentSpec(
                        "timed", "eu-central-1", Map.of(), new NetworkSpec("10.0.0.0/16", 1, NatGatewayMode.NONE)),
                List.of("eu-central-1a"),
                null,
                "h",
                clock.instant());
        new EnvironmentRepository(jdbc, JsonMapper.builder().build()).insert(env);
    }

    @Test
    void theFirstProvisioningIsTimedFromItsStartWithItsOutcome() {
        Environment provisioning = env.startProvisioning(clock.instant());
        events.append(env.id(), EventType.PROVISIONING_STARTED, "provisioning");
        clock.advance(Duration.ofSeconds(90));

        metrics.environmentFinished(provisioning, EnvironmentStatus.READY, clock.instant());

        assertThat(seconds(timer("plinth.environment.provision.duration", "outcome", "ready")))
                .isEqualTo(90);
        assertThat(registry.find("plinth.environment.update.duration").timers()).isEmpty();
    }

    @Test
    void provisioningAfterASpecChangeOrARepairIsAnUpdateTimedFromTheChange() {
        Environment ready = env.startProvisioning(clock.instant()).ready(clock.instant());
        events.append(env.id(), EventType.PROVISIONING_STARTED, "provisioning");
        clock.advance(Duration.ofMinutes(10));
        Environment changed = ready.update(ready.spec(), null, clock.instant());
        events.append(env.id(), EventType.SPEC_CHANGED, "changed");
        clock.advance(Duration.ofSeconds(40));
        metrics.environmentFinished(changed, EnvironmentStatus.FAILED, clock.instant());

        Environment repaired = changed.failed(null, clock.instant())
                .retry(clock.instant())
                .ready(clock.instant())
                .repair(clock.instant());
        events.append(env.id(), EventType.REPAIR_STARTED, "repairing");
        clock.advance(Duration.ofSeconds(20));
        metrics.environmentFinished(repaired, EnvironmentStatus.READY, clock.instant());

        assertThat(seconds(timer("plinth.environment.update.duration", "outcome", "failed")))
                .isEqualTo(40);
        assertThat(seconds(timer("plinth.environment.update.duration", "outcome", "ready")))
                .isEqualTo(20);
        assertThat(registry.find("plinth.environment.provision.duration").timers())
                .isEmpty();
    }

    @Test
    void teardownIsTimedFromWhenItWasAskedFor() {
        Environment deleting = env.requestDeletion(clock.instant());
        clock.advance(Duration.ofMinutes(3));

        metrics.environmentFinished(deleting, EnvironmentStatus.DELETE_FAILED, clock.instant());

        assertThat(seconds(timer("plinth.environment.delete.duration", "outcome", "delete_failed")))
                .isEqualTo(180);
    }

    @Test
    void aResourceGoneIsTimedFromItsDeleteUnlessThereWasNothingToDelete() {
        metrics.resourceDeleted(KIND, Duration.ofSeconds(12));
        metrics.resourceDeleted(KIND, null);

        Timer deleted = timer("plinth.resource.delete.duration", "kind", KIND.name());
        assertThat(deleted.count()).isEqualTo(1);
        assertThat(seconds(deleted)).isEqualTo(12);
    }

    private Timer timer(String name, String tag, String value) {
        return registry.get(name).tag(tag, value).timer();
    }

    /** The total time of a timer observed once, in whole seconds; fails when it was observed more often. */
    private static long seconds(Timer timer) {
        assertThat(timer.count()).isEqualTo(1);
        return (long) timer.totalTime(TimeUnit.SECONDS);
    }
}
