package dev.plinth.engine;

import dev.plinth.environment.Environment;
import dev.plinth.environment.EnvironmentRepository;
import dev.plinth.environment.EnvironmentStatus;
import dev.plinth.environment.EventLog;
import dev.plinth.environment.EventType;
import dev.plinth.environment.Failure;
import dev.plinth.support.SqlTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The environment's own moves: provisioning starts, and it ends READY, FAILED, DELETED or
 * DELETE_FAILED. Each is saved only from the version the pass read (another writer wins, and the pass
 * looks again), then counted, told as an event and logged.
 */
@Component
class EnvironmentOutcomes {

    private static final Logger log = LoggerFactory.getLogger(EnvironmentOutcomes.class);

    private final EnvironmentRepository environments;
    private final EventLog events;
    private final DriftRepository drifts;
    private final EngineMetrics metrics;
    private final Clock clock;

    EnvironmentOutcomes(
            EnvironmentRepository environments,
            EventLog events,
            DriftRepository drifts,
            EngineMetrics metrics,
            Clock clock) {
        this.environments = environments;
        this.events = events;
        this.drifts = drifts;
        this.metrics = metrics;
        this.clock = clock;
    }

    Pass start(Environment env) {
        if (environments.save(env.startProvisioning(now())).isPresent()) {
            events.append(
                    env.id(),
                    EventType.PROVISIONING_STARTED,
                    "provisioning " + env.name() + " in " + env.region() + " over " + env.availabilityZones());
        }
        return Pass.CONTINUE;
    }

    Pass ready(Environment env, int resources) {
        return finish(env, env::ready, EnvironmentStatus.READY, now -> {
            // every resource was just seen as the spec says: no drift, and no check is needed
            drifts.save(env.id(), true, now, List.of());
            arrived(
                    env,
                    EventType.READY,
                    "all " + resources + " resources are ready",
                    Duration.between(env.createdAt(), now));
        });
    }

    Pass failed(Environment env, Failure failure) {
        return finish(
                env,
                now -> env.failed(failure, now),
                EnvironmentStatus.FAILED,
                now -> stopped(env, EventType.FAILED, "stopped at ", failure));
    }

    /** @param retained how many resources teardown kept */
    Pass deleted(Environment env, int retained) {
        String message =
                retained == 0 ? "every resource is gone" : "every resource is gone but the " + retained + " retained";
        return finish(
                env,
                env::deleted,
                EnvironmentStatus.DELETED,
                now -> arrived(env, EventType.DELETED, message, Duration.between(env.deleteRequestedAt(), now)));
    }

    Pass deleteFailed(Environment env, Failure failure) {
        return finish(
                env,
                now -> env.deleteFailed(failure, now),
                EnvironmentStatus.DELETE_FAILED,
                now -> stopped(env, EventType.DELETE_FAILED, "teardown stopped at ", failure));
    }

    /**
     * Saves the environment as {@code to} makes it, if no one saved it since the pass read it; then
     * counts it and tells it.
     */
    private Pass finish(
            Environment env, Function<Instant, Environment> to, EnvironmentStatus status, Consumer<Instant> tell) {
        Instant now = now();
        if (environments.save(to.apply(now)).isEmpty()) {
            return Pass.CONTINUE;
        }
        metrics.environmentFinished(env, status, now);
        tell.accept(now);
        return Pass.FINISHED;
    }

    /** The event and the log line of an environment that got where it was going, and how long that took. */
    private void arrived(Environment env, EventType type, String message, Duration took) {
        events.appendOutcome(env.id(), type, null, message, took);
        log.info("environment {} ({}) is {}", env.id(), env.name(), type);
    }

    /** The event and the log line of an environment stopped by a resource's failure, which they name. */
    private void stopped(Environment env, EventType type, String prefix, Failure failure) {
        events.appendOutcome(
                env.id(),
                type,
                failure.step(),
                prefix + failure.step() + ": " + failure.code() + ": " + failure.message(),
                null);
        log.warn(
                "environment {} ({}) {} at {}: {}: {}",
                env.id(),
                env.name(),
                type,
                failure.step(),
                failure.code(),
                failure.message());
    }

    private Instant now() {
        return SqlTime.now(clock);
    }
}
