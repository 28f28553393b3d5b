package dev.plinth.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.environment.Environment;
import dev.plinth.environment.EnvironmentRepository;
import dev.plinth.environment.EnvironmentStatus;
import dev.plinth.spec.EnvironmentSpec;
import dev.plinth.spec.NatGatewayMode;
import dev.plinth.spec.NetworkSpec;
import dev.plinth.support.SqlTime;
import dev.plinth.testing.MutableClock;
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

/** The gauges show what the last refresh counted: a scrape reads no database. */
class EngineGaugesTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private JdbcClient jdbc;
    private EnvironmentRepository environments;
    private EngineGauges gauges;

    @BeforeEach
    void setUp() {
        var dataSource = new SimpleDriverDataSource(
                new org.h2.Driver(),
                "jdbc:h2:mem:" + UUID.randomUUID()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).load().migrate();
        jdbc = JdbcClient.create(dataSource);
        environments = new EnvironmentRepository(jdbc, JsonMapper.builder().build());
        gauges = new EngineGauges(environments, new ReconcileBacklog(jdbc), registry, clock);
    }

    @Test
    void everyStatusHasAGaugeAndTheGaugesChangeOnlyWhenRefreshed() {
        environments.insert(environment("counted"));
        jdbc.sql("insert into scheduled_tasks (task_name, task_instance, execution_time, picked, version) "
                        + "values (?, ?, ?, false, 1)")
                .params(EngineScheduler.RECONCILE.getTaskName(), "counted", SqlTime.param(clock.instant()))
                .update();
        clock.advance(Duration.ofSeconds(45));

        assertThat(registry.find("plinth.environments").gauges())
                .hasSize(EnvironmentStatus.values().length)
                .allSatisfy(g ->
                        assertThat(g.value()).as("before the first refresh").isZero());
        assertThat(registry.get("plinth.reconcile.backlog").gauge().value()).isZero();

        gauges.refresh();

        assertThat(registry.get("plinth.environments")
                        .tag("status", "PENDING")
                        .gauge()
                        .value())
                .isEqualTo(1);
        assertThat(registry.get("plinth.environments")
                        .tag("status", "READY")
                        .gauge()
                        .value())
                .isZero();
        assertThat(registry.get("plinth.reconcile.backlog").gauge().value()).isEqualTo(1);
        assertThat(registry.get("plinth.reconcile.lag").timeGauge().value(TimeUnit.SECONDS))
                .isEqualTo(45);
    }

    private Environment environment(String name) {
        return Environment.accept(
                UUID.randomUUID().toString(),
                null,
                new EnvironmentSpec(
                        name, "eu-central-1", Map.of(), new NetworkSpec("10.0.0.0/16", 1, NatGatewayMode.NONE)),
                List.of("eu-central-1a"),
                null,
                "h",
                clock.instant());
    }
}
