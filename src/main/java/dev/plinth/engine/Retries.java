package dev.plinth.engine;

import dev.plinth.environment.Environment;
import dev.plinth.environment.EnvironmentNotFoundException;
import dev.plinth.environment.EnvironmentRepository;
import dev.plinth.environment.EnvironmentStatus;
import dev.plinth.environment.EventLog;
import dev.plinth.environment.EventType;
import dev.plinth.environment.NotRetryableException;
import dev.plinth.support.SqlTime;
import java.time.Clock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Resumes a FAILED environment from where it stopped: the failed steps are tried again, nothing else is redone. */
@Component
public class Retries {

    private final EnvironmentRepository environments;
    private final ResourceRepository resources;
    private final EventLog events;
    private final EngineScheduler scheduler;
    private final TransactionTemplate transaction;
    private final Clock clock;

    Retries(EnvironmentRepository environments, ResourceRepository resources, EventLog events,
            EngineScheduler scheduler, TransactionTemplate transaction, Clock clock) {
        this.environments = environments;
        this.resources = resources;
        this.events = events;
        this.scheduler = scheduler;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * @throws NotRetryableException unless the environment is FAILED
     */
    public Environment retry(String id) {
        Environment env = environments.findById(id).orElseThrow(() -> new EnvironmentNotFoundException(id));
        if (env.status() != EnvironmentStatus.FAILED) {
            throw new NotRetryableException(id, env.status());
        }
        return transaction.execute(tx -> {
            var now = SqlTime.now(clock);
            Environment saved = environments.save(env.retry(now)).orElseThrow(() -> new NotRetryableException(id,
                    environments.findById(id).map(Environment::status).orElse(env.status())));
            int reopened = resources.reopenFailed(id, now);
            events.append(id, EventType.RETRY_REQUESTED, "resuming at " + env.failure().step()
                    + " (" + reopened + " failed step(s) reopened)");
            scheduler.reconcileNow(id);
            return saved;
        });
    }
}
