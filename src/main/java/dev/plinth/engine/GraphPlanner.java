package dev.plinth.engine;

import dev.plinth.environment.Environment;
import dev.plinth.environment.EnvironmentOutputs;
import java.util.Map;

/** Turns an environment's spec into its resource graph, and the ids of its resources into outputs. */
public interface GraphPlanner {

    /** The same environment always gives the same graph. */
    ResourceGraph plan(Environment environment);

    /** The outputs known so far, from the records of the environment's resources that exist. */
    EnvironmentOutputs outputs(Environment environment, Map<ResourceKey, ResourceRecord> existing);
}
