package dev.plinth.aws.network;

import static dev.plinth.aws.network.NetworkLayer.SecurityGroupRole.APP;
import static dev.plinth.aws.network.NetworkLayer.SecurityGroupRole.DATABASE;
import static dev.plinth.aws.network.NetworkLayer.SecurityGroupRole.DATABASE_PROXY;
import static dev.plinth.aws.network.NetworkLayer.SecurityGroupRole.FILE_SYSTEM;
import static dev.plinth.aws.network.NetworkLayer.SecurityGroupRole.LOAD_BALANCER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.plinth.engine.ResourceGraph;
import dev.plinth.engine.ResourceKey;
import dev.plinth.engine.ResourceNode;
import dev.plinth.spec.CdnSpec;
import dev.plinth.spec.DatabaseEngine;
import dev.plinth.spec.DatabaseSpec;
import dev.plinth.spec.EnvironmentSpec;
import dev.plinth.spec.Ipv4Block;
import dev.plinth.spec.NatGatewayMode;
import dev.plinth.spec.NetworkSpec;
import dev.plinth.spec.ServiceSpec;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NetworkLayerTest {

    private static final String CIDR = "10.42.0.0/16";
    private static final List<String> ALL_ZONES = List.of("eu-central-1a", "eu-central-1b", "eu-central-1c");

    private static NetworkSpec network(NatGatewayMode mode, int zones) {
        return new NetworkSpec(CIDR, zones, mode);
    }

    private static List<String> zones(int count) {
        return ALL_ZONES.subList(0, count);
    }

    private static List<ResourceNode> nodes(NatGatewayMode mode, int zones) {
        return NetworkLayer.nodes(
                new EnvironmentSpec("test", "eu-central-1", Map.of(), network(mode, zones)), zones(zones));
    }

    private static <T> List<T> desiredOf(List<ResourceNode> nodes, Class<T> type) {
        return nodes.stream()
                .map(ResourceNode::desired)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    /** Every mode with one, two and three zones. */
    static Stream<Arguments> layouts() {
        return Arrays.stream(NatGatewayMode.values())
                .flatMap(mode -> Stream.of(1, 2, 3).map(zones -> Arguments.of(mode, zones)));
    }

    @ParameterizedTest(name = "{0}, {1} zones")
    @MethodSource("layouts")
    void nodesFormAValidGraph(NatGatewayMode mode, int zones) {
        List<ResourceNode> nodes = nodes(mode, zones);

        var graph = new ResourceGraph(nodes);

        assertThat(graph.size()).isEqualTo(nodes.size());
        assertThat(graph.nodes().getFirst().key()).isEqualTo(NetworkLayer.VPC);
    }

    @ParameterizedTest(name = "{0}, {1} zones")
    @MethodSource("layouts")
    void natGatewaysAndElasticIpsFollowTheMode(NatGatewayMode mode, int zones) {
        List<String> natZones = switch (mode) {
            case NONE -> List.of();
            case SINGLE -> List.of(ALL_ZONES.getFirst());
            case PER_AZ -> zones(zones);
        };
        List<ResourceNode> nodes = nodes(mode, zones);

        assertThat(desiredOf(nodes, NatGatewayHandler.Desired.class))
                .extracting(NatGatewayHandler.Desired::subnet, NatGatewayHandler.Desired::elasticIp)
                .containsExactlyElementsOf(natZones.stream()
                        .map(z -> tuple(NetworkLayer.publicSubnet(z), NetworkLayer.elasticIp(z)))
                        .toList());
        assertThat(desiredOf(nodes, ElasticIpHandler.Desired.class)).hasSize(natZones.size());
        assertThat(nodes)
                .extracting(ResourceNode::key)
                .filteredOn(k -> k.value().startsWith("nat-gateway/"))
                .containsExactlyElementsOf(
                        natZones.stream().map(NetworkLayer::natGateway).toList());
    }

    @ParameterizedTest(name = "{0}, {1} zones")
    @MethodSource("layouts")
    void eachPrivateRouteTableRoutesToTheRightNatGateway(NatGatewayMode mode, int zones) {
        var graph = new ResourceGraph(nodes(mode, zones));

        for (String zone : zones(zones)) {
            ResourceKey routeKey = ResourceKey.of("route", "private-default", zone);
            if (mode == NatGatewayMode.NONE) {
                assertThat(graph.nodes()).extracting(ResourceNode::key).doesNotContain(routeKey);
                continue;
            }
            ResourceKey nat = NetworkLayer.natGateway(mode == NatGatewayMode.PER_AZ ? zone : ALL_ZONES.getFirst());
            ResourceNode route = graph.node(routeKey);
            assertThat(route.desired())
                    .isEqualTo(new RouteHandler.Desired(
                            NetworkLayer.privateRouteTable(zone),
                            "0.0.0.0/0",
                            RouteHandler.TargetType.NAT_GATEWAY,
                            nat));
            assertThat(route.dependsOn()).contains(NetworkLayer.privateRouteTable(zone), nat);
        }
    }

    @ParameterizedTest(name = "{0}, {1} zones")
    @MethodSource("layouts")
    void subnetsLieInsideTheVpcDoNotOverlapAndOnePublicAndOnePrivatePerZone(NatGatewayMode mode, int zones) {
        Ipv4Block vpc = Ipv4Block.parse(CIDR).orElseThrow();
        List<SubnetHandler.Desired> subnets = desiredOf(nodes(mode, zones), SubnetHandler.Desired.class);
        List<Ipv4Block> blocks = subnets.stream()
                .map(s -> Ipv4Block.parse(s.cidr()).orElseThrow())
                .toList();

        assertThat(subnets)
                .extracting(SubnetHandler.Desired::availabilityZone, SubnetHandler.Desired::publicAddresses)
                .containsExactlyInAnyOrderElementsOf(zones(zones).stream()
                        .flatMap(z -> Stream.of(tuple(z, true), tuple(z, false)))
                        .toList());
        assertThat(subnets).extracting(SubnetHandler.Desired::vpc).containsOnly(NetworkLayer.VPC);
        assertThat(blocks).allSatisfy(b -> {
            assertThat(b.isNetworkAddress()).as("%s is a network address", b).isTrue();
            assertThat(contains(vpc, b)).as("%s inside %s", b, vpc).isTrue();
        });
        for (int i = 0; i < blocks.size(); i++) {
            for (int j = i + 1; j < blocks.size(); j++) {
                Ipv4Block a = blocks.get(i);
                Ipv4Block b = blocks.get(j);
                assertThat(contains(a, b) || contains(b, a))
                        .as("%s overlaps %s", a, b)
                        .isFalse();
            }
        }
    }

    @Test
    void subnetCidrsAreTheExpectedEighthsOfTheBlock() {
        assertThat(desiredOf(nodes(NatGatewayMode.PER_AZ, 3), SubnetHandler.Desired.class))
                .extracting(
                        SubnetHandler.Desired::availabilityZone,
                        SubnetHandler.Desired::publicAddresses,
                        SubnetHandler.Desired::cidr)
                .containsExactlyInAnyOrder(
                        tuple("eu-central-1a", true, "10.42.0.0/19"),
                        tuple("eu-central-1b", true, "10.42.32.0/19"),
                        tuple("eu-central-1c", true, "10.42.64.0/19"),
                        tuple("eu-central-1a", false, "10.42.128.0/19"),
                        tuple("eu-central-1b", false, "10.42.160.0/19"),
                        tuple("eu-central-1c", false, "10.42.192.0/19"));
    }

    @ParameterizedTest(name = "{0}, {1} zones")
    @MethodSource("layouts")
    void everyIngressRuleDependsOnItsGroupAndItsSourceGroup(NatGatewayMode mode, int zones) {
        List<ResourceNode> ingress = nodes(mode, zones).stream()
                .filter(n -> n.desired() instanceof SecurityGroupIngressHandler.Desired)
                .toList();

        assertThat(ingress).hasSize(5).allSatisfy(node -> {
            var rule = (SecurityGroupIngressHandler.Desired) node.desired();
            assertThat(node.dependsOn()).contains(rule.group());
            if (rule.source().group() != null) {
                assertThat(node.dependsOn()).contains(rule.source().group());
            }
        });
    }

    @Test
    void eachSecurityGroupAdmitsOnlyTheOneInFrontOfIt() {
        List<ResourceNode> nodes = nodes(NatGatewayMode.SINGLE, 2);

        assertThat(desiredOf(nodes, SecurityGroupHandler.Desired.class))
                .hasSize(NetworkLayer.SecurityGroupRole.values().length)
                .extracting(SecurityGroupHandler.Desired::vpc)
                .containsOnly(NetworkLayer.VPC);
        assertThat(rules(nodes))
                .containsExactlyInAnyOrder(
                        tuple(LOAD_BALANCER.key(), null, "0.0.0.0/0", null, 80),
                        tuple(APP.key(), LOAD_BALANCER.key(), null, null, 80),
                        tuple(DATABASE_PROXY.key(), APP.key(), null, null, 5432),
                        tuple(DATABASE.key(), DATABASE_PROXY.key(), null, null, 5432),
                        tuple(FILE_SYSTEM.key(), APP.key(), null, null, 2049));
    }

    @Test
    void theRulesFollowTheSpecsPortsProxyAndCdn() {
        var spec = new EnvironmentSpec(
                        "test",
                        "eu-central-1",
                        null,
                        Map.of(),
                        network(NatGatewayMode.SINGLE, 2),
                        new DatabaseSpec(
                                null, DatabaseEngine.MYSQL, null, null, null, false, null, null, null, null, null),
                        null,
                        new ServiceSpec(null, "nginx", 8080, null, null, null, null, null, null, null),
                        new CdnSpec(null, null),
                        null)
                .withDefaults();

        List<ResourceNode> nodes = NetworkLayer.nodes(spec, zones(2));

        assertThat(rules(nodes))
                .containsExactlyInAnyOrder(
                        tuple(LOAD_BALANCER.key(), null, null, NetworkLayer.CLOUDFRONT_ORIGIN_FACING, 80),
                        tuple(APP.key(), LOAD_BALANCER.key(), null, null, 8080),
                        tuple(DATABASE_PROXY.key(), APP.key(), null, null, 3306),
                        tuple(DATABASE.key(), APP.key(), null, null, 3306),
                        tuple(FILE_SYSTEM.key(), APP.key(), null, null, 2049));
    }

    private static List<org.assertj.core.groups.Tuple> rules(List<ResourceNode> nodes) {
        return desiredOf(nodes, SecurityGroupIngressHandler.Desired.class).stream()
                .map(r -> tuple(
                        r.group(),
                        r.source().group(),
                        r.source().cidr(),
                        r.source().prefixListName(),
                        r.port()))
                .toList();
    }

    @Test
    void idsListKnownPhysicalIdsInZoneOrder() {
        var physical = new HashMap<ResourceKey, String>();
        physical.put(NetworkLayer.VPC, "vpc-1");
        physical.put(NetworkLayer.INTERNET_GATEWAY, "igw-1");
        for (String zone : ALL_ZONES) {
            String suffix = zone.substring(zone.length() - 1);
            physical.put(NetworkLayer.publicSubnet(zone), "subnet-pub-" + suffix);
            physical.put(NetworkLayer.privateSubnet(zone), "subnet-priv-" + suffix);
            physical.put(NetworkLayer.natGateway(zone), "nat-" + suffix);
        }
        physical.put(APP.key(), "sg-app");
        physical.put(LOAD_BALANCER.key(), "sg-lb");

        var ids = NetworkLayer.ids(network(NatGatewayMode.PER_AZ, 3), ALL_ZONES, physical);

        assertThat(ids.vpcId()).isEqualTo("vpc-1");
        assertThat(ids.internetGatewayId()).isEqualTo("igw-1");
        assertThat(ids.publicSubnetIds()).containsExactly("subnet-pub-a", "subnet-pub-b", "subnet-pub-c");
        assertThat(ids.privateSubnetIds()).containsExactly("subnet-priv-a", "subnet-priv-b", "subnet-priv-c");
        assertThat(ids.natGatewayIds()).containsExactly("nat-a", "nat-b", "nat-c");
        assertThat(ids.securityGroupIds())
                .containsExactly(Map.entry("loadBalancer", "sg-lb"), Map.entry("app", "sg-app"));
    }

    @Test
    void idsOmitWhatIsNotYetKnownAndNatGatewaysTheModeDoesNotHave() {
        var physical = Map.of(
                NetworkLayer.publicSubnet("eu-central-1b"), "subnet-pub-b",
                NetworkLayer.privateSubnet("eu-central-1a"), "subnet-priv-a",
                NetworkLayer.natGateway("eu-central-1a"), "nat-a",
                NetworkLayer.natGateway("eu-central-1b"), "nat-b");

        var ids = NetworkLayer.ids(network(NatGatewayMode.SINGLE, 2), zones(2), physical);

        assertThat(ids.vpcId()).isNull();
        assertThat(ids.internetGatewayId()).isNull();
        assertThat(ids.publicSubnetIds()).containsExactly("subnet-pub-b");
        assertThat(ids.privateSubnetIds()).containsExactly("subnet-priv-a");
        assertThat(ids.natGatewayIds()).containsExactly("nat-a");
        assertThat(ids.securityGroupIds()).isEmpty();
        assertThat(NetworkLayer.ids(network(NatGatewayMode.NONE, 2), zones(2), physical)
                        .natGatewayIds())
                .isEmpty();
    }

    /** True when {@code inner} lies wholly inside {@code outer}. */
    private static boolean contains(Ipv4Block outer, Ipv4Block inner) {
        return inner.prefixLength() >= outer.prefixLength()
                && new Ipv4Block(inner.address(), outer.prefixLength())
                        .network()
                        .equals(outer.network());
    }
}
