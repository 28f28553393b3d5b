package dev.plinth.engine;

import java.util.List;

/**
 * A resource as AWS reports it now.
 *
 * @param differences attributes that differ from the desired ones; the engine asks the handler to
 *                    update them before it counts the resource as READY
 */
public record Observation(String physicalId, Readiness readiness, List<Difference> differences) {

    public Observation {
        differences = List.copyOf(differences);
    }

    public static Observation of(String physicalId, Readiness readiness) {
        return new Observation(physicalId, readiness, List.of());
    }
}
