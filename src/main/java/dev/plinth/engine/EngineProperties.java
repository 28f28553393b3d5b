package dev.plinth.engine;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the engine works, under {@code plinth.engine}.
 *
 * @param workerThreads          environments worked on at once by this replica
 * @param stepConcurrency        AWS steps in flight at once by this replica, across environments
 * @param pollingInterval        how often the scheduler looks for due work
 * @param heartbeatInterval      how often a replica proves it still holds its environments
 * @param missedHeartbeatsLimit  missed heartbeats after which another replica takes an environment over (4 or
 *                               more); with the check for dead replicas every 2 heartbeats, a takeover
 *                               comes within about (limit + 3) × heartbeatInterval
 * @param retryBaseDelay         how soon a resource is looked at again while AWS does not show it yet, or
 *                               still shows it after its delete (a failed step's backoff is its error's
 *                               retry rule's: see AwsErrors)
 * @param retryMaxDelay          how long the scheduler waits before it runs again an execution that failed
 * @param createConsistencyGrace how long a just-created resource may be missing from describe calls
 *                               (AWS is eventually consistent) before it counts as gone
 * @param deleteTimeout          how long teardown waits, from the start of a resource's delete, while something
 *                               else still uses it, unless its kind has its own (see {@link #deleteTimeoutOf})
 * @param deleteTimeouts         by resource kind, for example {@code "[AWS::EC2::EIP]": 10m}: in place of the
 *                               kind's own default
 * @param blockedDeleteInterval  how often a delete that waits for what is in its way (network interfaces AWS has
 *                               yet to release) looks again
 * @param executionBudget        how long one execution keeps working on an environment before
 *                               yielding its worker thread to others
 * @param readinessTimeout       how long a created resource may take to become ready, unless its
 *                               kind has its own (see {@link #readinessTimeoutOf})
 * @param readinessTimeouts      by resource kind, for example {@code "[AWS::ECS::Service]": 15m}: in place of
 *                               the kind's own default
 * @param sweepInterval          how often a replica makes sure every environment with work to do has an
 *                               execution scheduled (a safety net for anything lost on the way)
 * @param maxPollInterval        the longest a resource that is not ready yet, or still deleting, waits before
 *                               it is looked at again; each kind asks for its own interval, from how long AWS
 *                               takes, and this bounds it (a suite that runs AWS's durations faster lowers it)
 */
@ConfigurationProperties("plinth.engine")
public record EngineProperties(
        int workerThreads,
        int stepConcurrency,
        Duration pollingInterval,
        Duration heartbeatInterval,
        int missedHeartbeatsLimit,
        Duration retryBaseDelay,
        Duration retryMaxDelay,
        Duration createConsistencyGrace,
        Duration deleteTimeout,
        Map<String, Duration> deleteTimeouts,
        Duration blockedDeleteInterval,
        Duration executionBudget,
        Duration readinessTimeout,
        Map<String, Duration> readinessTimeouts,
        Duration sweepInterval,
        Duration maxPollInterval) {

    public EngineProperties {
        readinessTimeouts = readinessTimeouts == null ? Map.of() : Map.copyOf(readinessTimeouts);
        deleteTimeouts = deleteTimeouts == null ? Map.of() : Map.copyOf(deleteTimeouts);
    }

    /**
     * How long a resource of this kind may wait, once its delete began, for what still uses it: its entry in
     * {@code deleteTimeouts}, else the kind's own default (its handler's), else {@code deleteTimeout}.
     */
    public Duration deleteTimeoutOf(ResourceKind kind, Optional<Duration> kindDefault) {
        return ofKind(deleteTimeouts, kind, kindDefault, deleteTimeout);
    }

    /**
     * How long a resource of this kind may take to become ready: its entry in {@code readinessTimeouts},
     * else the kind's own default (its handler's), else {@code readinessTimeout}.
     */
    public Duration readinessTimeoutOf(ResourceKind kind, Optional<Duration> kindDefault) {
        return ofKind(readinessTimeouts, kind, kindDefault, readinessTimeout);
    }

    private static Duration ofKind(
            Map<String, Duration> set, ResourceKind kind, Optional<Duration> kindDefault, Duration global) {
        Duration own = set.get(kind.name());
        return own != null ? own : kindDefault.orElse(global);
    }
}
