package dev.plinth.aws;

import dev.plinth.aws.alarms.AlarmsLayer;
import dev.plinth.aws.compute.ComputeLayer;
import dev.plinth.aws.database.DataLayer;
import dev.plinth.aws.edge.EdgeLayer;
import dev.plinth.aws.loadbalancer.LoadBalancerLayer;
import dev.plinth.aws.network.NetworkLayer;
import dev.plinth.aws.storage.StorageLayer;
import dev.plinth.engine.GraphPlanner;
import dev.plinth.engine.ResourceGraph;
import dev.plinth.engine.ResourceKey;
import dev.plinth.engine.ResourceNode;
import dev.plinth.engine.ResourceRecord;
import dev.plinth.engine.ResourceState;
import dev.plinth.environment.Environment;
import dev.plinth.environment.EnvironmentOutputs;
import dev.plinth.spec.DatabaseSpec;
import dev.plinth.spec.EnvironmentSpec;
import dev.plinth.spec.OnDelete;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Composes the layers of an environment into one graph, and its records into outputs. */
@Component
class EnvironmentGraphPlanner implements GraphPlanner {

    @Override
    public ResourceGraph plan(Environment environment) {
        EnvironmentSpec spec = environment.spec();
        List<String> zones = environment.availabilityZones();
        var nodes = new ArrayList<ResourceNode>();
        nodes.addAll(NetworkLayer.nodes(spec, zones));
        nodes.addAll(DataLayer.nodes(spec, zones));
        nodes.addAll(StorageLayer.nodes(spec, zones));
        nodes.addAll(LoadBalancerLayer.nodes(spec, zones));
        nodes.addAll(ComputeLayer.nodes(spec, zones));
        nodes.addAll(EdgeLayer.nodes(spec, zones));
        nodes.addAll(AlarmsLayer.nodes(spec, zones));
        return new ResourceGraph(nodes);
    }

    @Override
    public Set<ResourceKey> retainedOnTeardown(Environment environment) {
        EnvironmentSpec spec = environment.spec();
        DatabaseSpec database = spec.database();
        return spec.hasRelationalDatabase() && database != null && database.onDeleteOrDefault() == OnDelete.RETAIN
                ? Set.of(DataLayer.INSTANCE)
                : Set.of();
    }

    @Override
    public EnvironmentOutputs outputs(Environment environment, Map<ResourceKey, ResourceRecord> records) {
        var existing = new HashMap<ResourceKey, ResourceRecord>();
        records.forEach((key, r) -> {
            if (r.physicalId() != null && r.state() != ResourceState.DELETED) {
                existing.put(key, r);
            }
        });
        var physicalIds = new HashMap<ResourceKey, String>();
        existing.forEach((key, r) -> physicalIds.put(key, r.physicalId()));
        var network = NetworkLayer.ids(environment.spec().network(), environment.availabilityZones(), physicalIds);
        var found = new Attributes(existing);
        @Nullable String loadBalancerDns = found.get(LoadBalancerLayer.LOAD_BALANCER, LoadBalancerLayer.DNS_NAME);
        @Nullable String cdnDomain = found.get(EdgeLayer.DISTRIBUTION, EdgeLayer.DOMAIN_NAME);
        @Nullable
        String url = cdnDomain != null
                ? "https://" + cdnDomain
                : loadBalancerDns != null ? "http://" + loadBalancerDns : null;
        return new EnvironmentOutputs(
                url,
                loadBalancerDns,
                found.get(DataLayer.INSTANCE, DataLayer.ENDPOINT),
                found.get(DataLayer.PROXY, DataLayer.ENDPOINT),
                found.get(DataLayer.INSTANCE, DataLayer.SECRET_ARN),
                DataLayer.finalSnapshot(environment, records.get(DataLayer.INSTANCE))
                        .orElse(null),
                found.get(DataLayer.TABLE, DataLayer.TABLE_NAME),
                physicalIds.get(StorageLayer.FILE_SYSTEM),
                physicalIds.get(StorageLayer.ACCESS_POINT),
                found.get(ComputeLayer.CLUSTER, ComputeLayer.NAME),
                found.get(ComputeLayer.SERVICE, ComputeLayer.NAME),
                physicalIds.get(EdgeLayer.DISTRIBUTION),
                physicalIds.get(EdgeLayer.BUCKET),
                network.vpcId(),
                network.internetGatewayId(),
                network.publicSubnetIds(),
                network.privateSubnetIds(),
                network.natGatewayIds(),
                network.securityGroupIds());
    }

    private record Attributes(Map<ResourceKey, ResourceRecord> existing) {
        @Nullable
        String get(ResourceKey key, String name) {
            ResourceRecord record = existing.get(key);
            return record == null ? null : record.attributes().get(name);
        }
    }
}
