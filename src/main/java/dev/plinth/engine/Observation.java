package dev.plinth.engine;

import java.util.List;
import java.util.Map;

/**
 * A resource as AWS reports it now.
 *
 * @param differences settings that differ from the desired ones; the engine asks the handler to
 *                    update them before it counts the resource as READY
 * @param attributes  what the resource publishes for its dependents and the environment's outputs,
 *                    by name (an endpoint, an ARN, a DNS name); each handler names its own
 */
public record Observation(
        String physicalId, Readiness readiness, List<Difference> differences, Map<String, String> attributes) {

    public Observation {
        differences = List.copyOf(differences);
        attributes = Map.copyOf(attributes);
    }

    public Observation(String physicalId, Readiness readiness, List<Difference> differences) {
        this(physicalId, readiness, differences, Map.of());
    }

    public static Observation of(String physicalId, Readiness readiness) {
        return new Observation(physicalId, readiness, List.of(), Map.of());
    }

    public Observation withAttributes(Map<String, String> published) {
        return new Observation(physicalId, readiness, differences, published);
    }
}
