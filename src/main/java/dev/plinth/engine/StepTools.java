package dev.plinth.engine;

import dev.plinth.support.SqlTime;
import java.time.Clock;
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

    Instant now() {
        return SqlTime.now(clock);
    }
}
