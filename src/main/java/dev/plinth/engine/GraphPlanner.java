package dev.plinth.engine;

import dev.plinth.environment.Environment;
import dev.plinth.environment.EnvironmentOutputs;
import java.util.Map;

/** Turns an environment's spec into its resource graph, and the ids of its resources into outputs. */
public interface GraphPlanner {

    /** The same environment always gives the same graph. */
    ResourceGraph plan(Environment environment);

    /**
     * The graph of the spec, plus the resources a spec change removed and that may still exist (those
     * of {@link Environment#retiredSpec()}): everything teardown has to look at.
     */
    default ResourceGraph planWithRetired(Environment environment) {
        ResourceGraph current = plan(environment);
        return environment.retiredSpec() == null ? current
                : current.withRetired(plan(environment.withSpec(environment.retiredSpec())));
    }

    /** The outputs known so far, from the records of the environment's resources that exist. */
    EnvironmentOutputs outputs(Environment environment, Map<ResourceKey, ResourceRecord> existing);
}
