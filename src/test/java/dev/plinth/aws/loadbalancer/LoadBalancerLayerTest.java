package dev.plinth.aws.loadbalancer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.aws.compute.ComputeLayer;
import dev.plinth.aws.network.NetworkLayer;
import dev.plinth.engine.Layer;
import dev.plinth.engine.ResourceGraph;
import dev.plinth.engine.ResourceKey;
import dev.plinth.engine.ResourceNode;
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

class LoadBalancerLayerTest {

    private static final List<String> ZONES = List.of("eu-central-1a", "eu-central-1b");

    private static EnvironmentSpec spec(ServiceSpec service) {
        return new EnvironmentSpec(
                        "web",
                        "eu-central-1",
                        null,
                        Map.of(),
                        new NetworkSpec("10.62.0.0/16", 2, NatGatewayMode.SINGLE),
                        null,
                        null,
                        service,
                        null,
                        null)
                .withDefaults();
    }

    private static ResourceNode node(List<ResourceNode> nodes, ResourceKey key) {
        return nodes.stream().filter(n -> n.key().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void nothingWithoutAService() {
        assertThat(LoadBalancerLayer.nodes(spec(null), ZONES)).isEmpty();
    }

    @Test
    void aLoadBalancerInThePublicSubnetsATargetGroupOnTheServicePortAndAListenerOnPort80() {
        List<ResourceNode> nodes = LoadBalancerLayer.nodes(
                spec(new ServiceSpec(null, "nginx", 8080, null, null, null, "/health", null, null, null)), ZONES);

        assertThat(nodes)
                .extracting(ResourceNode::key)
                .containsExactly(
                        LoadBalancerLayer.LOAD_BALANCER, LoadBalancerLayer.TARGET_GROUP, LoadBalancerLayer.LISTENER);
        assertThat(nodes).extracting(ResourceNode::layer).containsOnly(Layer.APP);

        ResourceNode lb = node(nodes, LoadBalancerLayer.LOAD_BALANCER);
        List<ResourceKey> publicSubnets =
                ZONES.stream().map(NetworkLayer::publicSubnet).toList();
        assertThat(lb.desired())
                .isEqualTo(new LoadBalancerHandler.Desired(
                        publicSubnets, NetworkLayer.SecurityGroupRole.LOAD_BALANCER.key()));
        assertThat(lb.dependsOn())
                .containsExactlyInAnyOrder(
                        publicSubnets.get(0),
                        publicSubnets.get(1),
                        NetworkLayer.SecurityGroupRole.LOAD_BALANCER.key(),
                        NetworkLayer.INTERNET_GATEWAY_ATTACHMENT,
                        ResourceKey.of("route", "public-default"));

        ResourceNode tg = node(nodes, LoadBalancerLayer.TARGET_GROUP);
        assertThat(tg.desired()).isEqualTo(new TargetGroupHandler.Desired(NetworkLayer.VPC, 8080, "/health"));
        assertThat(tg.dependsOn()).containsExactly(NetworkLayer.VPC);

        ResourceNode listener = node(nodes, LoadBalancerLayer.LISTENER);
        assertThat(listener.desired())
                .isEqualTo(new ListenerHandler.Desired(
                        LoadBalancerLayer.LOAD_BALANCER, LoadBalancerLayer.TARGET_GROUP, 80));
        assertThat(listener.dependsOn())
                .containsExactlyInAnyOrder(LoadBalancerLayer.LOAD_BALANCER, LoadBalancerLayer.TARGET_GROUP);
    }

    @Test
    void theDefaultsGivePort80AndTheRootHealthCheck() {
        List<ResourceNode> nodes = LoadBalancerLayer.nodes(
                spec(new ServiceSpec(null, "nginx", null, null, null, null, null, null, null, null)), ZONES);

        assertThat(node(nodes, LoadBalancerLayer.TARGET_GROUP).desired())
                .isEqualTo(new TargetGroupHandler.Desired(NetworkLayer.VPC, 80, "/"));
    }

    @Test
    void withTheNetworkAndComputeLayersItFormsAValidGraph() {
        EnvironmentSpec spec = spec(new ServiceSpec(null, "nginx", null, null, null, null, null, null, null, null));
        var nodes = new ArrayList<ResourceNode>();
        nodes.addAll(NetworkLayer.nodes(spec, ZONES));
        nodes.addAll(LoadBalancerLayer.nodes(spec, ZONES));
        nodes.addAll(ComputeLayer.nodes(spec, ZONES));

        var graph = new ResourceGraph(nodes);

        assertThat(graph.dependentsOf(LoadBalancerLayer.LISTENER)).contains(ComputeLayer.SERVICE);
        assertThat(graph.dependentsOf(LoadBalancerLayer.TARGET_GROUP))
                .contains(LoadBalancerLayer.LISTENER, ComputeLayer.SERVICE);
    }

    static Stream<Arguments> names() {
        return Stream.of(
                Arguments.of("web", "", "web-"),
                Arguments.of("web", "-tg", "web-"),
                Arguments.of("a-very-long-environment-name-of-forty-c", "", "a-very-long-environment-n-"),
                Arguments.of("a-very-long-environment-name-of-forty-c", "-tg", "a-very-long-environmen-"),
                // cut just after a hyphen: the hyphen goes, never two in a row
                Arguments.of("abcdefghijklmnopqrstuvwx-yz", "", "abcdefghijklmnopqrstuvwx-"),
                Arguments.of("internal-tools", "", "env-tools-"));
    }

    @ParameterizedTest(name = "{0}{1}")
    @MethodSource("names")
    void namesFitElbsLimitsAndCarryTheEnvironmentIdsHash(String environment, String suffix, String prefix) {
        String name = Elb.name(environment, "3f2c8d0e-6a1b-4c9e-9d7a-2b5e8f1a4c6d", suffix);

        assertThat(name)
                .hasSizeLessThanOrEqualTo(32)
                .startsWith(prefix)
                .endsWith(suffix)
                .matches("[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?")
                .doesNotContain("--")
                .doesNotStartWith("internal-");
        assertThat(name).isEqualTo(Elb.name(environment, "3f2c8d0e-6a1b-4c9e-9d7a-2b5e8f1a4c6d", suffix));
        assertThat(name).isNotEqualTo(Elb.name(environment, "4f2c8d0e-6a1b-4c9e-9d7a-2b5e8f1a4c6d", suffix));
    }

    @Test
    void metricDimensionsAreTheArnsTail() {
        assertThat(Elb.dimension(
                        "arn:aws:elasticloadbalancing:eu-central-1:123456789012:loadbalancer/app/web-1a2b3c/f897ac4e9f040ee0",
                        "loadbalancer/",
                        false))
                .isEqualTo("app/web-1a2b3c/f897ac4e9f040ee0");
        assertThat(Elb.dimension(
                        "arn:aws:elasticloadbalancing:eu-central-1:123456789012:targetgroup/web-1a2b3c-tg/ff2c591053c80f70",
                        "targetgroup/",
                        true))
                .isEqualTo("targetgroup/web-1a2b3c-tg/ff2c591053c80f70");
    }
}
