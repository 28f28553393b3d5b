package dev.plinth.engine;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerClient.ScheduleOptions;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.exceptions.ExecutionException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.plinth.environment.EnvironmentRepository;
import dev.plinth.environment.ReconcileTrigger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs the reconciler through db-scheduler: one durable task instance per environment, claimed by one
 * replica at a time with heartbeats, revived elsewhere when its replica dies. A waiting environment
 * is a row with an execution time, not a thread.
 *
 * <p>Scheduling work goes through a {@link SchedulerClient}, which needs no running scheduler; the
 * {@link Scheduler} that executes it is made anew on every start, since a stopped one cannot restart.
 */
@Component
public class EngineScheduler implements ReconcileTrigger, SmartLifecycle {

    static final TaskDescriptor<Void> RECONCILE = TaskDescriptor.of("reconcile-environment");
    static final String SWEEP = "schedule-in-flight-environments";
    static final String DRIFT_SWEEP = "check-ready-environments";
    /** Longer than an execution's budget: a graceful stop lets executions finish and release their claims. */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(25);

    private static final int SCHEDULE_ATTEMPTS = 5;
    private static final Logger log = LoggerFactory.getLogger(EngineScheduler.class);

    private final DataSource dataSource;
    private final CustomTask<Void> task;
    private final List<RecurringTask<Void>> recurring;
    private final SchedulerClient client;
    private final EngineProperties properties;
    private final Clock clock;
    private final String replica;
    private final SchedulerMetrics metrics;
    private volatile @Nullable Scheduler running;

    public EngineScheduler(
            DataSource dataSource,
            Reconciler reconciler,
            EnvironmentRepository environments,
            EngineProperties properties,
            DriftSweep driftSweep,
            DriftRepository driftChecks,
            DriftProperties drift,
            SchedulerMetrics metrics,
            Clock clock) {
        // the proxy lets reconcileNow join the caller's transaction, so an environment is never stored without its task
        this.dataSource = new TransactionAwareDataSourceProxy(dataSource);
        this.properties = properties;
        this.clock = clock;
        this.replica = replicaName();
        this.metrics = metrics;
        this.task = reconcileTask(reconciler);
        this.client = SchedulerClient.Builder.create(this.dataSource, task).build();
        RecurringTask<Void> sweep = sweep(environments, driftChecks);
        // one replica at a time runs a recurring task, so the drift checks of all replicas share one budget
        this.recurring = drift.periodic() ? List.of(sweep, driftSweep(driftSweep, drift)) : List.of(sweep);
    }

    /** One environment's reconcile; an unexpected error (a bug, the database away) is tried again later. */
    private CustomTask<Void> reconcileTask(Reconciler reconciler) {
        return Tasks.custom(RECONCILE)
                .onFailure(new FailureHandler.OnFailureRetryLater<>(properties.retryMaxDelay()))
                .execute((instance, execution) -> {
                    Instant started = clock.instant();
                    log.debug("reconciling {} on {} from {}", instance.getId(), replica, started);
                    try {
                        return completion(reconciler.reconcile(instance.getId()));
                    } finally {
                        log.debug(
                                "reconciled {} on {} from {} to {}",
                                instance.getId(),
                                replica,
                                started,
                                clock.instant());
                    }
                });
    }

    /**
     * A safety net: an environment with work to do (a drift check asked for is work too) always has an
     * execution, whatever was lost on the way.
     */
    private RecurringTask<Void> sweep(EnvironmentRepository environments, DriftRepository driftChecks) {
        return Tasks.recurring(SWEEP, FixedDelay.of(properties.sweepInterval()))
                .execute((instance, execution) -> Stream.concat(
                                environments.inFlightIds().stream(), driftChecks.pendingIds().stream())
                        .forEach(id -> client.scheduleIfNotExists(
                                RECONCILE.instance(id).scheduledTo(clock.instant()))));
    }

    /** The periodic drift checks, spread over the interval by the drift sweep. */
    private RecurringTask<Void> driftSweep(DriftSweep driftSweep, DriftProperties drift) {
        return Tasks.recurring(DRIFT_SWEEP, FixedDelay.of(drift.interval()))
                .execute((instance, execution) -> driftSweep.requestChecks((id, at) ->
                        client.scheduleIfNotExists(RECONCILE.instance(id).scheduledTo(at))));
    }

    private CompletionHandler<Void> completion(Reconciler.Outcome outcome) {
        return switch (outcome) {
            case Reconciler.Outcome.Done done -> (complete, operations) -> operations.remove();
            case Reconciler.Outcome.Again again ->
                (complete, operations) ->
                        operations.reschedule(complete, clock.instant().plus(again.after()));
        };
    }

    @Override
    public void reconcileNow(String environmentId) {
        for (int attempt = 1; ; attempt++) {
            try {
                client.schedule(
                        RECONCILE.instance(environmentId).scheduledTo(clock.instant()),
                        ScheduleOptions.WHEN_EXISTS_RESCHEDULE);
                break;
            } catch (TaskInstanceCurrentlyExecutingException e) {
                // it is being worked on (or was, by a replica that died): that execution reads the change on its
                // next pass, and the sweep catches the rare one that finished just before the change was committed
                log.debug("{} is executing; it will see the change", environmentId);
                return;
            } catch (ExecutionException e) {
                // NOTE: db-scheduler reads the execution, then updates it by version; a worker that picked or
                // rescheduled it in between makes the update miss. Read it again.
                if (attempt == SCHEDULE_ATTEMPTS) {
                    throw e;
                }
            }
        }
        // NOTE: inside a transaction the execution is visible only after commit; look for it then, not a poll later
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    lookForDueWork();
                }
            });
        } else {
            lookForDueWork();
        }
    }

    private void lookForDueWork() {
        Scheduler scheduler = running;
        if (scheduler != null) {
            scheduler.triggerCheckForDueExecutions();
        }
    }

    @Override
    public synchronized void start() {
        if (running == null) {
            Scheduler scheduler = Scheduler.create(dataSource, task)
                    .startTasks(recurring)
                    .schedulerName(new SchedulerName.Fixed(replica))
                    .threads(properties.workerThreads())
                    .pollingInterval(properties.pollingInterval())
                    .heartbeatInterval(properties.heartbeatInterval())
                    .missedHeartbeatsLimit(properties.missedHeartbeatsLimit())
                    .shutdownMaxWait(SHUTDOWN_WAIT)
                    .enableImmediateExecution()
                    .addSchedulerListener(metrics)
                    .build();
            scheduler.start();
            running = scheduler;
        }
    }

    @Override
    public synchronized void stop() {
        Scheduler scheduler = running;
        running = null;
        if (scheduler != null) {
            scheduler.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }

    /** The host and process: replicas on one host (or restarts of one pod) have names of their own. */
    private static String replicaName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + ":" + ProcessHandle.current().pid();
    }
}
