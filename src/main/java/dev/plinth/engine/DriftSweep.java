package dev.plinth.engine;

import dev.plinth.environment.Environment;
import dev.plinth.environment.EnvironmentRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Asks for a drift check of every READY environment once an interval. An environment is checked at most
 * one interval after its last check (becoming READY counts as one), so drift is seen within one
 * interval plus the check's own time. The jitter: a check comes up to a tenth of the interval early, so
 * environments that became READY together drift apart; one never checked comes at a random moment of
 * the interval. A check is pushed later where the AWS services it observes have no room
 * ({@link ObservationBudget}). An environment whose last check is still pending is left out.
 */
@Component
class DriftSweep {

    private record Due(Environment environment, Instant at) {}

    private final EnvironmentRepository environments;
    private final DriftRepository drifts;
    private final GraphPlanner planner;
    private final HandlerRegistry handlers;
    private final DriftProperties properties;
    private final ObservationBudget budget;
    private final Clock clock;

    DriftSweep(
            EnvironmentRepository environments,
            DriftRepository drifts,
            GraphPlanner planner,
            HandlerRegistry handlers,
            DriftProperties properties,
            Clock clock) {
        this.environments = environments;
        this.drifts = drifts;
        this.planner = planner;
        this.handlers = handlers;
        this.properties = properties;
        this.budget = new ObservationBudget(properties.observationsPerSecond());
        this.clock = clock;
    }

    /**
     * Requests the checks of this interval.
     *
     * @param schedule runs the environment's execution at the given time, unless it has one already
     */
    void requestChecks(BiConsumer<String, Instant> schedule) {
        Instant now = clock.instant();
        List<Due> due = drifts.uncheckedReady().stream()
                .flatMap(unchecked -> environments.findById(unchecked.environmentId()).stream()
                        .map(env -> new Due(env, next(unchecked.lastCheckedAt(), now))))
                .sorted(Comparator.comparing(Due::at))
                .toList();
        for (Due d : due) {
            Instant at = budget.reserve(observations(d.environment()), d.at());
            if (drifts.request(d.environment().id(), false, now)) {
                schedule.accept(d.environment().id(), at);
            }
        }
    }

    /** Up to a tenth of the interval before one interval after the last check, not before now. */
    private Instant next(@Nullable Instant lastCheckedAt, Instant now) {
        long interval = properties.interval().toMillis();
        var random = ThreadLocalRandom.current();
        if (lastCheckedAt == null) {
            return now.plusMillis(random.nextLong(interval));
        }
        Instant next = lastCheckedAt.plusMillis(interval - random.nextLong(interval / 10 + 1));
        return next.isAfter(now) ? next : now;
    }

    private Map<String, Integer> observations(Environment env) {
        return planner.plan(env).nodes().stream()
                .collect(Collectors.toMap(
                        n -> ObservationBudget.serviceOf(handlers.kindOf(n).name()), n -> 1, Integer::sum));
    }
}
