package dev.plinth.engine;

import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Times every execution this replica's scheduler completes, as {@code plinth.scheduler.executions}
 * tagged with the task (reconcile-environment, or one of the recurring sweeps) and the outcome
 * ({@code ok}, or {@code failed} when it threw: the environment is tried again later).
 */
@Component
class SchedulerMetrics extends AbstractSchedulerListener {

    private final MeterRegistry registry;

    SchedulerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onExecutionComplete(ExecutionComplete complete) {
        Timer.builder("plinth.scheduler.executions")
                .description("Scheduler executions completed by this replica")
                .tag("task", complete.getExecution().getTaskName())
                .tag("outcome", complete.getResult().name().toLowerCase(Locale.ROOT))
                .register(registry)
                .record(complete.getDuration());
    }
}
