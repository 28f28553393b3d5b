package dev.plinth.engine;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The periodic drift check, under {@code plinth.drift}.
 *
 * @param interval              how often every READY environment is checked: at most one interval after
 *                              its last check (see {@link DriftSweep} for the jitter). Zero turns the
 *                              periodic check off ({@code POST /environments/{id}/reconcile} still works).
 * @param observationsPerSecond per AWS service, across all environments: checks are spaced so that, on
 *                              average, no more observations than this start each second. With many
 *                              environments this, not the interval, sets how often each is checked.
 */
@ConfigurationProperties("plinth.drift")
public record DriftProperties(Duration interval, double observationsPerSecond) {

    public DriftProperties {
        if (observationsPerSecond <= 0) {
            throw new IllegalArgumentException("plinth.drift.observations-per-second must be above 0");
        }
    }

    boolean periodic() {
        return interval != null && interval.isPositive();
    }
}
