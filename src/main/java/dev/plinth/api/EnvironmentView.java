package dev.plinth.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.plinth.engine.DriftRepository;
import dev.plinth.engine.Layer;
import dev.plinth.environment.EnvironmentOutputs;
import dev.plinth.environment.EnvironmentStatus;
import dev.plinth.environment.Failure;
import dev.plinth.spec.EnvironmentSpec;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An environment as GET /environments/{id} shows it.
 *
 * @param team  the team it belongs to; absent when it belongs to none (created by an admin of every team)
 * @param drift what the last drift check found, once the environment has been READY
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record EnvironmentView(
        String id,
        String name,
        @Nullable String team,
        String region,
        EnvironmentStatus status,
        @Nullable Failure failure,
        EnvironmentSpec spec,
        List<String> availabilityZones,
        List<LayerProgress> progress,
        EnvironmentOutputs outputs,
        DriftRepository.@Nullable Report drift,
        Instant createdAt,
        Instant updatedAt) {

    /** How far one layer is: every resource of it is counted once, by state. */
    record LayerProgress(
            Layer layer, int total, int planned, int inProgress, int ready, int failed, int deleted, int retained) {}
}
