package dev.plinth.engine;

import dev.plinth.environment.Environment;
import dev.plinth.environment.Failure;
import dev.plinth.support.SqlTime;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * One round of steps: the resources whose turn it is and whose next look is due run side by side on the
 * step executor. No thread waits for AWS: when nothing changed, the round says when the earliest of them
 * is due.
 */
@Component
class Rounds {

    private final ResourceJournal journal;
    private final ExecutorService steps;
    private final EngineProperties properties;
    private final Clock clock;

    Rounds(
            ResourceJournal journal,
            @Qualifier("stepExecutor") ExecutorService steps,
            EngineProperties properties,
            Clock clock) {
        this.journal = journal;
        this.steps = steps;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Runs the {@code actionable} nodes that are due, taken in {@code order}. The first failure goes to
     * {@code onFailure}; when nothing changed, the pass waits for the earliest next look.
     */
    Pass run(
            Environment env,
            List<ResourceNode> order,
            Predicate<ResourceNode> actionable,
            Map<ResourceKey, ResourceRecord> records,
            Function<ResourceNode, StepResult> step,
            Function<Failure, Pass> onFailure) {
        Instant now = SqlTime.now(clock);
        List<ResourceNode> due = order.stream()
                .filter(actionable)
                .filter(n ->
                        records.get(n.key()) == null || records.get(n.key()).isDue(now))
                .toList();
        if (due.isEmpty()) {
            return waitForEarliest(env, order, actionable);
        }
        List<StepResult> results = runAll(due, step);
        Optional<Failure> failure = results.stream()
                .map(StepResult::failure)
                .filter(Objects::nonNull)
                .findFirst();
        if (failure.isPresent()) {
            return onFailure.apply(failure.get());
        }
        return results.stream().anyMatch(StepResult::changed) ? Pass.CONTINUE : waitForEarliest(env, order, actionable);
    }

    private List<StepResult> runAll(List<ResourceNode> nodes, Function<ResourceNode, StepResult> step) {
        List<CompletableFuture<StepResult>> running = nodes.stream()
                .map(n -> CompletableFuture.supplyAsync(() -> step.apply(n), steps))
                .toList();
        return running.stream().map(CompletableFuture::join).toList();
    }

    /** Sleeps on nothing: tells the scheduler when the earliest actionable resource is due. */
    private Pass waitForEarliest(Environment env, List<ResourceNode> nodes, Predicate<ResourceNode> actionable) {
        // re-read: the steps of this pass moved their next looks
        Map<ResourceKey, ResourceRecord> records = journal.records(env.id());
        Instant now = SqlTime.now(clock);
        Instant earliest = nodes.stream()
                .filter(actionable)
                .map(n -> records.get(n.key()))
                .map(r -> r == null || r.nextAttemptAt() == null ? now : r.nextAttemptAt())
                .min(Instant::compareTo)
                .orElse(now.plus(properties.pollingInterval()));
        return new Pass.WaitUntil(earliest);
    }

    /** Where the record says the resource is; one without a record is PLANNED. */
    static ResourceState stateOf(Map<ResourceKey, ResourceRecord> records, ResourceKey key) {
        ResourceRecord r = records.get(key);
        return r == null ? ResourceState.PLANNED : r.state();
    }
}
