package dev.plinth.aws;

import dev.plinth.aws.network.NetworkLayer;
import dev.plinth.engine.GraphPlanner;
import dev.plinth.engine.ResourceGraph;
import dev.plinth.engine.ResourceKey;
import dev.plinth.environment.Environment;
import dev.plinth.environment.EnvironmentOutputs;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Composes the layers of an environment into one graph. */
@Component
class EnvironmentGraphPlanner implements GraphPlanner {

    @Override
    public ResourceGraph plan(Environment environment) {
        return new ResourceGraph(NetworkLayer.nodes(environment.spec().network(), environment.availabilityZones()));
    }

    @Override
    public EnvironmentOutputs outputs(Environment environment, Map<ResourceKey, String> physicalIds) {
        var network = NetworkLayer.ids(environment.spec().network(), environment.availabilityZones(), physicalIds);
        return new EnvironmentOutputs(network.vpcId(), network.internetGatewayId(), network.publicSubnetIds(),
                network.privateSubnetIds(), network.natGatewayIds(), network.securityGroupIds());
    }
}
