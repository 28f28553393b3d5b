package dev.plinth.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Application Auto Scaling of the service's desired count.
 *
 * @param min          the fewest tasks, default 1
 * @param max          the most tasks (required)
 * @param cpuTarget    average CPU % to track, 10 to 90; default 60
 * @param memoryTarget average memory % to track, 10 to 90; no memory policy when absent
 * @param schedules    scheduled changes of the bounds, for example to zero outside working hours
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AutoscalingSpec(
        @Nullable Boolean enabled,
        @Nullable Integer min,
        @Nullable Integer max,
        @Nullable Integer cpuTarget,
        @Nullable Integer memoryTarget,
        List<ScheduleSpec> schedules)
        implements Sections.Switchable {

    public static final int DEFAULT_MIN = 1;
    public static final int DEFAULT_CPU_TARGET = 60;

    /** A null entry is kept, for the validator to report. */
    public AutoscalingSpec {
        schedules = schedules == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(schedules));
    }

    AutoscalingSpec withDefaults() {
        return new AutoscalingSpec(
                null,
                min == null ? DEFAULT_MIN : min,
                max,
                cpuTarget == null ? DEFAULT_CPU_TARGET : cpuTarget,
                memoryTarget,
                schedules);
    }

    /**
     * One scheduled action.
     *
     * @param name a name unique within the service: letters, digits, {@code -} and {@code _}
     * @param cron an Application Auto Scaling cron expression, {@code cron(min hour day month weekday year)}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ScheduleSpec(
            String name,
            String cron,
            @Nullable Integer min,
            @Nullable Integer max) {}
}
