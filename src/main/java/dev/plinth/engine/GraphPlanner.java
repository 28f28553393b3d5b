package dev.plinth.engine;

import dev.plinth.environment.Environment;
import dev.plinth.environment.EnvironmentOutputs;
import java.util.Map;
import java.util.Set;

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
        return environment.retiredSpec() == null ? current : current.withRetired(plan(environment.retired()));
    }

    /**
     * The outputs known so far, from the environment's resource records: ids and attributes of the
     * resources that exist (not DELETED), and what teardown left behind (a final snapshot).
     */
    EnvironmentOutputs outputs(Environment environment, Map<ResourceKey, ResourceRecord> records);

    /**
     * The resources teardown keeps rather than deletes ({@code database.onDelete} {@code retain}),
     * without what they stand on: the engine adds their dependencies (see {@link ResourceGraph#withDependencies}).
     */
    default Set<ResourceKey> retainedOnTeardown(Environment environment) {
        return Set.of();
    }
}
