package dev.plinth.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * CloudWatch alarms: the load balancer's target 3xx/4xx/5xx counts, its own 5xx count and target
 * response time; the service's CPU and memory, high and low; and, with an RDS database, its CPU and
 * free storage.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlarmsSpec(@Nullable Boolean enabled) implements Sections.Switchable {

    AlarmsSpec withDefaults() {
        return new AlarmsSpec(null);
    }
}
