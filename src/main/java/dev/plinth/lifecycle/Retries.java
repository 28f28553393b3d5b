package dev.plinth.lifecycle;

import dev.plinth.engine.DriftRepository;
import dev.plinth.engine.EngineScheduler;
import dev.plinth.engine.ResourceJournal;
import dev.plinth.environment.Actor;
import dev.plinth.environment.ChangeInProgressException;
import dev.plinth.environment.Environment;
import dev.plinth.environment.EnvironmentNotFoundException;
import dev.plinth.environment.EnvironmentRepository;
import dev.plinth.environment.EnvironmentStatus;
import dev.plinth.environment.EventLog;
import dev.plinth.environment.EventType;
import dev.plinth.environment.NotRetryableException;
import dev.plinth.support.SqlTime;
import java.time.Clock;
import java.util.Objects;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Asks the engine to go again: a FAILED environment from where it stopped (the failed steps are tried
 * again, nothing else is redone), a READY one to look at every resource now and repair any drift.
 */
@Component
public class Retries {

    private final EnvironmentRepository environments;
    private final ResourceJournal journal;
    private final EventLog events;
    private final DriftRepository drifts;
    private final EngineScheduler scheduler;
    private final TransactionTemplate transaction;
    private final Clock clock;

    Retries(
            EnvironmentRepository environments,
            ResourceJournal journal,
            EventLog events,
            DriftRepository drifts,
            EngineScheduler scheduler,
            TransactionTemplate transaction,
            Clock clock) {
        this.environments = environments;
        this.journal = journal;
        this.events = events;
        this.drifts = drifts;
        this.scheduler = scheduler;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * @throws NotRetryableException unless the environment is FAILED
     */
    public Environment retry(String id, Actor actor) {
        Environment env = environments.findById(id).orElseThrow(() -> new EnvironmentNotFoundException(id));
        if (env.status() != EnvironmentStatus.FAILED) {
            throw new NotRetryableException(id, env.status());
        }
        return transaction.execute(tx -> {
            var now = SqlTime.now(clock);
            Environment saved = environments
                    .save(env.retry(now))
                    .orElseThrow(() -> new NotRetryableException(
                            id,
                            environments.findById(id).map(Environment::status).orElse(env.status())));
            int reopened = journal.reopenFailed(id, now);
            events.append(
                    id,
                    EventType.RETRY_REQUESTED,
                    actor,
                    "resuming at "
                            + Objects.requireNonNull(env.failure(), "a FAILED environment has its failure")
                                    .step() + " (" + reopened + " failed step(s) reopened)");
            scheduler.reconcileNow(id);
            return saved;
        });
    }

    /**
     * A drift check now, that repairs what it finds whatever the environment's drift policy.
     *
     * @throws ChangeInProgressException unless the environment is READY
     */
    public Environment reconcile(String id) {
        Environment env = environments.findById(id).orElseThrow(() -> new EnvironmentNotFoundException(id));
        if (!drifts.request(id, true, SqlTime.now(clock))) {
            EnvironmentStatus status =
                    environments.findById(id).map(Environment::status).orElse(env.status());
            throw new ChangeInProgressException(
                    status,
                    "environment " + id + " is " + status + "; "
                            + (status == EnvironmentStatus.FAILED
                                    ? "resume it with POST /environments/" + id + "/retry"
                                    : "a drift check is for a READY environment"));
        }
        scheduler.reconcileNow(id);
        return env;
    }
}
