package dev.plinth.engine;

import static dev.plinth.environment.EventType.PROVISIONING_STARTED;
import static dev.plinth.environment.EventType.REPAIR_STARTED;
import static dev.plinth.environment.EventType.SPEC_CHANGED;

import dev.plinth.environment.Environment;
import dev.plinth.environment.EnvironmentStatus;
import dev.plinth.environment.EventLog;
import dev.plinth.environment.EventType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * How long the engine's work takes, as timers with histogram buckets from a second to an hour: one
 * observation each time an environment reaches an outcome (tagged with it), and one each time a
 * resource becomes ready after a create or an update, or is gone after a delete (tagged with its kind).
 * Never tagged with an environment: its id would make a series per environment.
 */
@Component
class EngineMetrics {

    /** AWS takes from a second (a security group) to most of an hour (a distribution, a database). */
    private static final Duration[] BUCKETS = {
        Duration.ofSeconds(1),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofMinutes(1),
        Duration.ofMinutes(2),
        Duration.ofMinutes(5),
        Duration.ofMinutes(10),
        Duration.ofMinutes(20),
        Duration.ofMinutes(30),
        Duration.ofHours(1)
    };
    /** What began the provisioning an environment is in: its first, or a change (of the spec, or back from drift). */
    private static final Set<EventType> BEGINNINGS = EnumSet.of(PROVISIONING_STARTED, SPEC_CHANGED, REPAIR_STARTED);

    private final MeterRegistry registry;
    private final EventLog events;

    EngineMetrics(MeterRegistry registry, EventLog events) {
        this.registry = registry;
        this.events = events;
    }

    /**
     * {@code env}, as it was read while PROVISIONING or DELETING, has just been saved with the status
     * {@code outcome}. Provisioning counts as an update once the spec changed or drift is repaired, and
     * runs from when the environment entered PROVISIONING (a retry enters it too); teardown runs from
     * when it was asked for.
     */
    void environmentFinished(Environment env, EnvironmentStatus outcome, Instant now) {
        String operation;
        Instant since;
        if (env.status() == EnvironmentStatus.DELETING) {
            operation = "delete";
            since = env.deleteRequestedAt();
        } else {
            boolean first = events.latest(env.id(), BEGINNINGS)
                    .map(e -> e.type() == PROVISIONING_STARTED)
                    .orElse(true);
            operation = first ? "provision" : "update";
            since = env.updatedAt();
        }
        record(
                "plinth.environment." + operation + ".duration",
                "outcome",
                outcome.name().toLowerCase(Locale.ROOT),
                Duration.between(since, now));
    }

    /** A resource of {@code kind} became ready, {@code took} after the first intent to create it. */
    void resourceCreated(ResourceKind kind, Duration took) {
        record("plinth.resource.create.duration", "kind", kind.name(), took);
    }

    /** A resource of {@code kind} an update changed is ready again, {@code took} after the update began. */
    void resourceUpdated(ResourceKind kind, Duration took) {
        record("plinth.resource.update.duration", "kind", kind.name(), took);
    }

    /** A resource of {@code kind} is gone, {@code took} after its delete began; null when no delete was seen to begin. */
    void resourceDeleted(ResourceKind kind, @Nullable Duration took) {
        if (took != null) {
            record("plinth.resource.delete.duration", "kind", kind.name(), took);
        }
    }

    /** A repair of these differences has begun. */
    void repairStarted(List<Drift> found) {
        found.forEach(d -> registry.counter("plinth.drift.repaired", "kind", d.kind(), "attribute", d.metricAttribute())
                .increment());
    }

    private void record(String name, String tag, String value, Duration took) {
        Timer.builder(name)
                .tag(tag, value)
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(took);
    }
}
