package dev.plinth.aws.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.aws.compute.ComputeLayer;
import dev.plinth.aws.loadbalancer.LoadBalancerLayer;
import dev.plinth.aws.network.NetworkLayer;
import dev.plinth.engine.Layer;
import dev.plinth.engine.ResourceGraph;
import dev.plinth.engine.ResourceKey;
import dev.plinth.engine.ResourceNode;
import dev.plinth.spec.CdnSpec;
import dev.plinth.spec.EnvironmentSpec;
import dev.plinth.spec.NatGatewayMode;
import dev.plinth.spec.NetworkSpec;
import dev.plinth.spec.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EdgeLayerTest {

    private static final List<String> ZONES = List.of("eu-central-1a", "eu-central-1b");
    private static final ServiceSpec SERVICE =
            new ServiceSpec(null, "nginx", null, null, null, null, null, null, null, null);

    private static EnvironmentSpec spec(ServiceSpec service, CdnSpec cdn) {
        return new EnvironmentSpec(
                        "shop",
                        "eu-central-1",
                        null,
                        Map.of(),
                        new NetworkSpec("10.63.0.0/16", 2, NatGatewayMode.SINGLE),
                        null,
                        null,
                        service,
                        cdn,
                        null)
                .withDefaults();
    }

    private static ResourceNode node(List<ResourceNode> nodes, ResourceKey key) {
        return nodes.stream().filter(n -> n.key().equals(key)).findFirst().orElseThrow();
    }

    static Stream<Arguments> withoutAnEdge() {
        return Stream.of(
                Arguments.of("no cdn section", spec(SERVICE, null)),
                Arguments.of("cdn switched off", spec(SERVICE, new CdnSpec(false, true))),
                Arguments.of("cdn without a service", spec(null, new CdnSpec(true, true))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withoutAnEdge")
    void nothingWithoutACdn(String name, EnvironmentSpec spec) {
        assertThat(EdgeLayer.nodes(spec, ZONES)).isEmpty();
    }

    @Test
    void aDistributionInFrontOfTheLoadBalancerOnceItsDnsNameIsKnown() {
        List<ResourceNode> nodes = EdgeLayer.nodes(spec(SERVICE, new CdnSpec(true, null)), ZONES);

        assertThat(nodes).extracting(ResourceNode::key).containsExactly(EdgeLayer.DISTRIBUTION);
        ResourceNode distribution = nodes.getFirst();
        assertThat(distribution.layer()).isEqualTo(Layer.EDGE);
        assertThat(distribution.desired())
                .isEqualTo(new DistributionHandler.Desired(LoadBalancerLayer.LOAD_BALANCER, null));
        assertThat(distribution.dependsOn()).containsExactly(LoadBalancerLayer.LOAD_BALANCER);
        assertThat(distribution.needsOnly())
                .as("the origin's DNS name, known before the load balancer is active")
                .isEqualTo(Map.of(LoadBalancerLayer.LOAD_BALANCER, LoadBalancerLayer.DNS_NAME));
    }

    @Test
    void aStaticSiteAddsTheBucketItsAccessControlAndThePolicyNamingTheDistribution() {
        List<ResourceNode> nodes = EdgeLayer.nodes(spec(SERVICE, new CdnSpec(null, true)), ZONES);

        assertThat(nodes)
                .extracting(ResourceNode::key)
                .containsExactlyInAnyOrder(
                        EdgeLayer.BUCKET,
                        EdgeLayer.ORIGIN_ACCESS_CONTROL,
                        EdgeLayer.DISTRIBUTION,
                        EdgeLayer.BUCKET_POLICY);
        assertThat(nodes).extracting(ResourceNode::layer).containsOnly(Layer.EDGE);

        assertThat(node(nodes, EdgeLayer.BUCKET).dependsOn()).isEmpty();
        assertThat(node(nodes, EdgeLayer.ORIGIN_ACCESS_CONTROL).dependsOn()).isEmpty();
        ResourceNode distribution = node(nodes, EdgeLayer.DISTRIBUTION);
        assertThat(distribution.desired())
                .isEqualTo(new DistributionHandler.Desired(
                        LoadBalancerLayer.LOAD_BALANCER,
                        new DistributionHandler.StaticSite(EdgeLayer.BUCKET, EdgeLayer.ORIGIN_ACCESS_CONTROL)));
        assertThat(distribution.dependsOn())
                .containsExactlyInAnyOrder(
                        LoadBalancerLayer.LOAD_BALANCER, EdgeLayer.BUCKET, EdgeLayer.ORIGIN_ACCESS_CONTROL);
        ResourceNode policy = node(nodes, EdgeLayer.BUCKET_POLICY);
        assertThat(policy.desired())
                .isEqualTo(new BucketPolicyHandler.Desired(EdgeLayer.BUCKET, EdgeLayer.DISTRIBUTION));
        assertThat(policy.dependsOn()).containsExactlyInAnyOrder(EdgeLayer.BUCKET, EdgeLayer.DISTRIBUTION);
    }

    /** Teardown walks the graph backwards: what depends on a resource is gone before it is deleted. */
    @Test
    void withTheOtherLayersItFormsAValidGraphThatTearsDownInTheRightOrder() {
        EnvironmentSpec spec = spec(SERVICE, new CdnSpec(true, true));
        var nodes = new ArrayList<ResourceNode>();
        nodes.addAll(NetworkLayer.nodes(spec, ZONES));
        nodes.addAll(LoadBalancerLayer.nodes(spec, ZONES));
        nodes.addAll(ComputeLayer.nodes(spec, ZONES));
        nodes.addAll(EdgeLayer.nodes(spec, ZONES));

        var graph = new ResourceGraph(nodes);

        // the distribution goes before its origins; the origin access control only once no distribution uses it
        assertThat(graph.dependentsOf(LoadBalancerLayer.LOAD_BALANCER)).contains(EdgeLayer.DISTRIBUTION);
        assertThat(graph.dependentsOf(EdgeLayer.ORIGIN_ACCESS_CONTROL)).containsExactly(EdgeLayer.DISTRIBUTION);
        assertThat(graph.dependentsOf(EdgeLayer.BUCKET))
                .containsExactlyInAnyOrder(EdgeLayer.DISTRIBUTION, EdgeLayer.BUCKET_POLICY);
        // the policy names the distribution: it goes first
        assertThat(graph.dependentsOf(EdgeLayer.DISTRIBUTION)).containsExactly(EdgeLayer.BUCKET_POLICY);
        List<ResourceKey> order = graph.nodes().stream().map(ResourceNode::key).toList();
        assertThat(order.indexOf(EdgeLayer.DISTRIBUTION))
                .isGreaterThan(order.indexOf(LoadBalancerLayer.LOAD_BALANCER))
                .isGreaterThan(order.indexOf(EdgeLayer.BUCKET))
                .isGreaterThan(order.indexOf(EdgeLayer.ORIGIN_ACCESS_CONTROL))
                .isLessThan(order.indexOf(EdgeLayer.BUCKET_POLICY));
    }

    @Test
    void withACdnTheLoadBalancerAdmitsOnlyCloudFront() {
        EnvironmentSpec spec = spec(SERVICE, new CdnSpec(true, null));

        assertThat(NetworkLayer.nodes(spec, ZONES))
                .extracting(ResourceNode::key)
                .contains(ResourceKey.of("security-group-ingress", "load-balancer-http-from-cloudfront"))
                .doesNotContain(ResourceKey.of("security-group-ingress", "load-balancer-http"));
    }
}
