package dev.plinth.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.plinth.environment.Environment;
import dev.plinth.environment.EnvironmentStatus;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** An environment in a listing; {@code team} is absent on one that belongs to no team. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record EnvironmentSummary(
        String id,
        String name,
        @Nullable String team,
        String region,
        EnvironmentStatus status,
        Instant createdAt,
        Instant updatedAt) {

    static EnvironmentSummary of(Environment env) {
        return new EnvironmentSummary(
                env.id(), env.name(), env.team(), env.region(), env.status(), env.createdAt(), env.updatedAt());
    }

    /** One page; {@code nextPageToken} is absent on the last. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Page(List<EnvironmentSummary> items, @Nullable String nextPageToken) {}
}
