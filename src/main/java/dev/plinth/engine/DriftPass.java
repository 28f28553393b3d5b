package dev.plinth.engine;

import dev.plinth.environment.Environment;
import dev.plinth.environment.EnvironmentRepository;
import dev.plinth.environment.EventLog;
import dev.plinth.environment.EventType;
import dev.plinth.spec.DriftPolicy;
import dev.plinth.support.SqlTime;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * A READY environment's pass: makes the drift check asked for, if any, records what differs from the
 * spec, and under the {@code repair} policy (or when the request asks for it) sets it to be provisioned
 * again to change it back. Only the drifted resources and what depends on them are looked at again:
 * one that was gone has a new id, which its dependents must pick up.
 */
@Component
class DriftPass {

    private final EnvironmentRepository environments;
    private final ResourceJournal journal;
    private final EventLog events;
    private final GraphPlanner planner;
    private final DriftRepository drifts;
    private final DriftCheck driftCheck;
    private final EngineMetrics metrics;
    private final Clock clock;

    DriftPass(
            EnvironmentRepository environments,
            ResourceJournal journal,
            EventLog events,
            GraphPlanner planner,
            DriftRepository drifts,
            DriftCheck driftCheck,
            EngineMetrics metrics,
            Clock clock) {
        this.environments = environments;
        this.journal = journal;
        this.events = events;
        this.planner = planner;
        this.drifts = drifts;
        this.driftCheck = driftCheck;
        this.metrics = metrics;
        this.clock = clock;
    }

    Pass check(Environment env) {
        Optional<DriftRepository.Request> request = drifts.pending(env.id());
        if (request.isEmpty()) {
            return Pass.FINISHED;
        }
        ResourceGraph graph = planner.plan(env);
        DriftCheck.Result result = driftCheck.observe(env, graph, journal.records(env.id()));
        Optional<Environment> after = environments.findById(env.id());
        if (after.isEmpty() || after.get().version() != env.version()) {
            return Pass.CONTINUE; // changed while it was looked at: what was seen belongs to a spec no longer current
        }
        boolean repair = request.get().repair() || env.spec().driftPolicy() == DriftPolicy.REPAIR;
        List<Drift> found = driftCheck.record(env, repair, result);
        Instant now = SqlTime.now(clock);
        if (!found.isEmpty() && repair && environments.save(env.repair(now)).isPresent()) {
            metrics.repairStarted(found);
            // one seen gone is gone: created again at once, without the grace a resource just created gets
            List<ResourceKey> gone = found.stream()
                    .filter(d -> d.attribute().equals(Drift.EXISTS))
                    .map(d -> new ResourceKey(d.resource()))
                    .distinct()
                    .toList();
            Set<ResourceKey> reopened = graph.withDependents(
                    found.stream().map(d -> new ResourceKey(d.resource())).toList());
            journal.reopenForRepair(env.id(), gone, reopened, now);
            events.append(
                    env.id(),
                    EventType.REPAIR_STARTED,
                    "changing " + found.size() + " difference(s) back to the spec; " + reopened.size()
                            + " resource(s) to look at again");
        }
        return Pass.CONTINUE;
    }
}
