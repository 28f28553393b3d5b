package dev.plinth.engine;

import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** When the engine looks at a resource again while AWS works on it. */
@Component
class Looks {

    private final ResourceJournal journal;
    private final EngineProperties properties;

    Looks(ResourceJournal journal, EngineProperties properties) {
        this.journal = journal;
        this.properties = properties;
    }

    /**
     * Looks again after the pending's interval (at most {@code maxPollInterval}) and records what AWS
     * is still doing.
     */
    void waitFor(
            String environmentId,
            ResourceNode node,
            ResourceKind kind,
            ResourceRecord record,
            Readiness.Pending p,
            Instant now) {
        Duration interval = p.checkAgainIn().compareTo(properties.maxPollInterval()) > 0
                ? properties.maxPollInterval()
                : p.checkAgainIn();
        journal.waiting(environmentId, node.key(), kind, record, p.detail(), now.plus(interval));
    }

    /** Looks again soon: what was asked of AWS may not show yet. */
    void soon(String environmentId, ResourceNode node, Instant now) {
        journal.lookAgainAt(environmentId, node.key(), now.plus(properties.retryBaseDelay()));
    }
}
