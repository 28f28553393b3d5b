package dev.plinth.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.plinth.engine.Layer;
import dev.plinth.engine.ResourceState;
import java.time.Instant;
import java.util.List;

/** One resource of an environment: its place in the graph and what the engine last recorded of it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ResourceView(
        String key,
        String kind,
        Layer layer,
        ResourceState state,
        String physicalId,
        List<String> dependsOn,
        int attempts,
        String lastError,
        Instant createdAt,
        Instant updatedAt) {
}
