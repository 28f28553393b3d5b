package dev.plinth.engine;

import dev.plinth.environment.Environment;
import dev.plinth.environment.EventLog;
import dev.plinth.environment.EventType;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Looks at every resource of a READY environment without changing any, and records how they differ
 * from the spec: the same {@link ResourceHandler#observe} provisioning uses, so drift is exactly what
 * a convergence would change. Recorded on the environment, as a {@code DRIFT_DETECTED} event, and as
 * the counter {@code plinth.drift.detected{kind, attribute}}.
 */
@Component
class DriftCheck {

    private static final Logger log = LoggerFactory.getLogger(DriftCheck.class);
    /** Differences named in one event; the environment's drift report has them all. */
    private static final int IN_EVENT = 10;

    /** What a check saw: the differences, or the call that kept it from seeing everything. */
    sealed interface Result {
        record Found(List<Drift> drifts) implements Result {}

        record Failed(ResourceKey resource, ResourceKind kind, StepError error) implements Result {}
    }

    private record Look(List<Drift> drifts, Result.@Nullable Failed failed) {}

    private final HandlerRegistry handlers;
    private final ErrorClassifier errors;
    private final DriftRepository drifts;
    private final EventLog events;
    private final ResourceJournal journal;
    private final MeterRegistry meters;
    private final ExecutorService steps;
    private final Clock clock;

    DriftCheck(
            HandlerRegistry handlers,
            ErrorClassifier errors,
            DriftRepository drifts,
            EventLog events,
            ResourceJournal journal,
            MeterRegistry meters,
            @Qualifier("stepExecutor") ExecutorService steps,
            Clock clock) {
        this.handlers = handlers;
        this.errors = errors;
        this.drifts = drifts;
        this.events = events;
        this.journal = journal;
        this.meters = meters;
        this.steps = steps;
        this.clock = clock;
    }

    /** Observes every resource of {@code graph}, in parallel; makes no change in AWS and records nothing. */
    Result observe(Environment env, ResourceGraph graph, Map<ResourceKey, ResourceRecord> records) {
        List<CompletableFuture<Look>> looking = graph.nodes().stream()
                .map(n -> CompletableFuture.supplyAsync(() -> look(env, n, records), steps))
                .toList();
        List<Look> looks = looking.stream().map(CompletableFuture::join).toList();
        Optional<Result.Failed> failed =
                looks.stream().map(Look::failed).filter(f -> f != null).findFirst();
        if (failed.isPresent()) {
            return failed.get();
        }
        return new Result.Found(looks.stream().flatMap(l -> l.drifts().stream()).toList());
    }

    private Look look(Environment env, ResourceNode node, Map<ResourceKey, ResourceRecord> records) {
        ResourceHandler<ResourceDesired> handler = handlers.handlerFor(node.desired());
        ResourceRecord record = records.get(node.key());
        try {
            Optional<Observation> seen = handler.observe(
                    ResourceContext.of(env, node, record == null ? null : record.physicalId(), records),
                    node.desired());
            List<Drift> found = seen.isEmpty()
                    ? List.of(Drift.missing(node.key(), handler.kind()))
                    : seen.get().differences().stream()
                            .map(d -> Drift.of(node.key(), handler.kind(), d))
                            .toList();
            return new Look(found, null);
        } catch (RuntimeException e) {
            return new Look(List.of(), new Result.Failed(node.key(), handler.kind(), errors.classify(e)));
        }
    }

    /**
     * Records what {@code result} saw, and answers the check that was asked for.
     *
     * @param repair whether what was found is to be repaired: a request to repair is then answered too
     * @return the drift found; empty when there was none, or when the check could not see everything
     */
    List<Drift> record(Environment env, boolean repair, Result result) {
        return switch (result) {
            case Result.Found found -> {
                drifts.save(env.id(), repair, clock.instant(), found.drifts());
                count(found.drifts().isEmpty() ? "clean" : "drifted");
                if (!found.drifts().isEmpty()) {
                    found.drifts()
                            .forEach(d -> meters.counter(
                                            "plinth.drift.detected", "kind", d.kind(), "attribute", d.metricAttribute())
                                    .increment());
                    String shown = found.drifts().stream()
                            .limit(IN_EVENT)
                            .map(Drift::toString)
                            .collect(Collectors.joining("; "));
                    events.append(
                            env.id(),
                            EventType.DRIFT_DETECTED,
                            found.drifts().size() + " difference(s) from the spec: " + shown
                                    + (found.drifts().size() > IN_EVENT ? "; ..." : ""));
                    log.info("environment {} ({}) drifted: {}", env.id(), env.name(), shown);
                }
                yield found.drifts();
            }
            case Result.Failed failed -> {
                drifts.dismiss(env.id(), repair);
                count("failed");
                journal.lookFailed(
                        env.id(),
                        failed.resource(),
                        failed.kind(),
                        "could not look at it: " + failed.error().describe() + "; the next check tries again");
                yield List.of();
            }
        };
    }

    private void count(String outcome) {
        meters.counter("plinth.drift.checks", "outcome", outcome).increment();
    }
}
