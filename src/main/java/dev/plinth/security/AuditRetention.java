package dev.plinth.security;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the audit record for {@code plinth.audit.retention} and no longer. Every replica purges; a purge is
 * one delete by age, so two at once remove each entry once.
 */
@Component
class AuditRetention {

    private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

    private final AuditLog audit;
    private final Duration retention;
    private final Clock clock;

    AuditRetention(AuditLog audit, @Value("${plinth.audit.retention:400d}") Duration retention, Clock clock) {
        this.audit = audit;
        this.retention = retention;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
    void purge() {
        int purged = audit.purgeBefore(clock.instant().minus(retention));
        if (purged > 0) {
            log.info("purged {} audit entries older than {}", purged, retention);
        }
    }
}
