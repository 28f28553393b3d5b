package dev.plinth.aws.loadbalancer;

import dev.plinth.aws.network.NetworkLayer;
import dev.plinth.engine.Layer;
import dev.plinth.engine.LayerNodes;
import dev.plinth.engine.ResourceKey;
import dev.plinth.engine.ResourceNode;
import dev.plinth.spec.EnvironmentSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The load balancer of the app layer as data: an internet-facing Application Load Balancer in the
 * public subnets (load-balancer security group), a target group of IP targets on the service port
 * with the spec's health check, and an HTTP listener on port 80 forwarding to it.
 */
public final class LoadBalancerLayer {

    public static final ResourceKey LOAD_BALANCER = ResourceKey.of("load-balancer");
    public static final ResourceKey TARGET_GROUP = ResourceKey.of("load-balancer", "target-group");
    public static final ResourceKey LISTENER = ResourceKey.of("load-balancer", "listener");

    /** On {@link #LOAD_BALANCER} and {@link #TARGET_GROUP}: the ARN (also the physical id). */
    public static final String ARN = "arn";
    /** On {@link #LOAD_BALANCER}: its DNS name. */
    public static final String DNS_NAME = "dnsName";
    /**
     * On {@link #LOAD_BALANCER} ({@code app/<name>/<id>}) and {@link #TARGET_GROUP}
     * ({@code targetgroup/<name>/<id>}): the CloudWatch dimension value.
     */
    public static final String METRIC_DIMENSION = "metricDimension";

    /** The port the listener takes HTTP on. */
    public static final int LISTENER_PORT = 80;

    /** The network layer's public default route (the internet gateway route of the public subnets). */
    static final ResourceKey PUBLIC_DEFAULT_ROUTE = ResourceKey.of("route", "public-default");

    private LoadBalancerLayer() {}

    /** The resources of the load balancer; none without a service section. */
    public static List<ResourceNode> nodes(EnvironmentSpec spec, List<String> zones) {
        if (!spec.hasService()) {
            return List.of();
        }
        List<ResourceKey> publicSubnets =
                zones.stream().map(NetworkLayer::publicSubnet).toList();
        ResourceKey group = NetworkLayer.SecurityGroupRole.LOAD_BALANCER.key();

        var loadBalancerNeeds = new ArrayList<>(publicSubnets);
        // NOTE: an internet-facing load balancer needs its subnets' route to the internet gateway
        loadBalancerNeeds.addAll(List.of(group, NetworkLayer.INTERNET_GATEWAY_ATTACHMENT, PUBLIC_DEFAULT_ROUTE));
        var nodes = new LayerNodes(Layer.APP);
        nodes.add(LOAD_BALANCER, new LoadBalancerHandler.Desired(publicSubnets, group), loadBalancerNeeds);
        nodes.add(
                TARGET_GROUP,
                new TargetGroupHandler.Desired(
                        NetworkLayer.VPC, spec.service().port(), spec.service().healthCheckPath()),
                NetworkLayer.VPC);
        nodes.add(
                LISTENER,
                new ListenerHandler.Desired(LOAD_BALANCER, TARGET_GROUP, LISTENER_PORT),
                LOAD_BALANCER,
                TARGET_GROUP);
        return nodes.list();
    }
}
