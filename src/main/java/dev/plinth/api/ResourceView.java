package dev.plinth.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.plinth.engine.Layer;
import dev.plinth.engine.ResourceState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One resource of an environment: its place in the graph and what the engine last recorded of it.
 * {@code waitingFor} is what AWS is still doing before it is ready (or gone), while the engine waits.
 * {@code needsOnly}: of {@code dependsOn}, those it needs only for an attribute they publish before they
 * are ready, with the attribute's name; it starts once they publish it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ResourceView(
        String key,
        String kind,
        Layer layer,
        List<String> dependsOn,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> needsOnly,
        ResourceState state,
        @Nullable String physicalId,
        int attempts,
        @Nullable String lastError,
        @Nullable String waitingFor,
        @Nullable Instant createdAt,
        @Nullable Instant updatedAt) {}
