package dev.plinth.engine;

import dev.plinth.environment.EnvironmentRepository;
import dev.plinth.environment.EnvironmentStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * What the whole installation has in the database, as gauges: environments by status
 * ({@code plinth.environments}), and the reconcile executions due and not picked
 * ({@code plinth.reconcile.backlog}) with the wait of the oldest ({@code plinth.reconcile.lag}).
 * Counted every {@code plinth.metrics.refresh-interval} and kept, so a scrape costs no query. Every
 * replica reads the same database, so each shows the same values.
 */
@Component
class EngineGauges {

    private record Counts(Map<EnvironmentStatus, Long> environments, ReconcileBacklog.Snapshot backlog) {}

    private final EnvironmentRepository environments;
    private final ReconcileBacklog backlog;
    private final Clock clock;
    private volatile Counts counts = new Counts(Map.of(), new ReconcileBacklog.Snapshot(0, Duration.ZERO));

    EngineGauges(EnvironmentRepository environments, ReconcileBacklog backlog, MeterRegistry registry, Clock clock) {
        this.environments = environments;
        this.backlog = backlog;
        this.clock = clock;
        for (EnvironmentStatus status : EnvironmentStatus.values()) {
            Gauge.builder("plinth.environments", () -> counts.environments().getOrDefault(status, 0L))
                    .description("Environments in each status")
                    .tag("status", status.name())
                    .register(registry);
        }
        Gauge.builder("plinth.reconcile.backlog", () -> counts.backlog().due())
                .description("Reconcile executions due and not yet picked by a replica")
                .register(registry);
        TimeGauge.builder("plinth.reconcile.lag", () -> counts.backlog().lag().toMillis(), TimeUnit.MILLISECONDS)
                .description("How long the oldest reconcile execution due and not yet picked has waited")
                .register(registry);
    }

    @Scheduled(fixedDelayString = "${plinth.metrics.refresh-interval}")
    void refresh() {
        counts = new Counts(environments.countByStatus(), backlog.at(clock.instant()));
    }
}
