package dev.plinth.engine;

import dev.plinth.support.SqlTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** What a resource's step works with: its kind's handler, the journal, the looks, the error rules and the clock. */
@Component
record StepTools(
        HandlerRegistry handlers,
        ResourceJournal journal,
        Looks looks,
        ErrorClassifier errors,
        EngineProperties properties,
        EngineMetrics metrics,
        Clock clock) {

    /** How long a resource of this kind may take to become ready (see {@link EngineProperties#readinessTimeoutOf}). */
    Duration readinessTimeoutOf(ResourceKind kind) {
        return properties.readinessTimeoutOf(kind, handlers.handlerOf(kind).flatMap(ResourceHandler::readinessTimeout));
    }

    /** How long a delete of this kind may wait for what still uses it (see {@link EngineProperties#deleteTimeoutOf}). */
    Duration deleteTimeoutOf(ResourceKind kind) {
        return properties.deleteTimeoutOf(kind, handlers.handlerOf(kind).flatMap(ResourceHandler::deleteTimeout));
    }

    Instant now() {
        return SqlTime.now(clock);
    }
}
