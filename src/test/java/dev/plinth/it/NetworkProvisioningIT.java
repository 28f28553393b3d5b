package dev.plinth.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.engine.Tags;
import dev.plinth.testing.Ec2Inventory;
import dev.plinth.testing.EndToEndTest;
import dev.plinth.testing.PlinthApi.Reply;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;
import tools.jackson.databind.JsonNode;

/** The network layer built, read back with the SDK, and torn down, against the emulator over HTTP. */
class NetworkProvisioningIT extends EndToEndTest {

    private static final String REGION = "eu-central-1";

    @Test
    void theIssueExampleBuildsTwoZonesWithANatGatewayEachAndTearsDownToNothing() {
        String id = api.create("""
                {"name": "shop-staging", "region": "eu-central-1", "tags": {"team": "payments"},
                 "network": {"cidr": "10.42.0.0/16", "availabilityZones": 2, "natGateways": "per-az"}}""");

        JsonNode env = api.await(id, CONVERGE, "READY", "FAILED");
        assertThat(env.path("status").asString()).as(env.toString()).isEqualTo("READY");
        Ec2Client ec2 = ec2(REGION);
        Ec2Inventory aws = Ec2Inventory.ofEnvironment(ec2, id);

        assertThat(aws.vpcs()).singleElement().satisfies(vpc -> {
            assertThat(vpc.cidrBlock()).isEqualTo("10.42.0.0/16");
            assertThat(vpc.vpcId()).isEqualTo(env.at("/outputs/vpcId").asString());
            assertThat(ec2.describeVpcAttribute(
                                    r -> r.vpcId(vpc.vpcId()).attribute(VpcAttributeName.ENABLE_DNS_HOSTNAMES))
                            .enableDnsHostnames()
                            .value())
                    .isTrue();
            assertThat(ec2.describeVpcAttribute(
                                    r -> r.vpcId(vpc.vpcId()).attribute(VpcAttributeName.ENABLE_DNS_SUPPORT))
                            .enableDnsSupport()
                            .value())
                    .isTrue();
        });
        String vpcId = aws.vpcs().getFirst().vpcId();

        Map<String, Subnet> subnets = byKey(aws.subnets(), Subnet::tags);
        assertThat(subnets)
                .containsOnlyKeys(
                        "subnet/public/eu-central-1a",
                        "subnet/public/eu-central-1b",
                        "subnet/private/eu-central-1a",
                        "subnet/private/eu-central-1b");
        assertSubnet(subnets.get("subnet/public/eu-central-1a"), "eu-central-1a", "10.42.0.0/19", true);
        assertSubnet(subnets.get("subnet/public/eu-central-1b"), "eu-central-1b", "10.42.32.0/19", true);
        assertSubnet(subnets.get("subnet/private/eu-central-1a"), "eu-central-1a", "10.42.128.0/19", false);
        assertSubnet(subnets.get("subnet/private/eu-central-1b"), "eu-central-1b", "10.42.160.0/19", false);
        assertThat(aws.subnets()).allSatisfy(s -> assertThat(s.vpcId()).isEqualTo(vpcId));

        assertThat(aws.internetGateways())
                .singleElement()
                .satisfies(igw -> assertThat(igw.attachments())
                        .singleElement()
                        .satisfies(a -> assertThat(a.vpcId()).isEqualTo(vpcId)));
        String igwId = aws.internetGateways().getFirst().internetGatewayId();

        assertThat(aws.natGateways())
                .hasSize(2)
                .allSatisfy(nat -> assertThat(nat.stateAsString()).isEqualTo("available"));
        assertThat(aws.addresses()).hasSize(2);
        Map<String, String> natInSubnet =
                aws.natGateways().stream().collect(Collectors.toMap(n -> n.subnetId(), n -> n.natGatewayId()));
        assertThat(natInSubnet)
                .containsOnlyKeys(
                        subnets.get("subnet/public/eu-central-1a").subnetId(),
                        subnets.get("subnet/public/eu-central-1b").subnetId());

        Map<String, RouteTable> tables = byKey(aws.routeTables(), RouteTable::tags);
        assertThat(tables)
                .containsOnlyKeys(
                        "route-table/public", "route-table/private/eu-central-1a", "route-table/private/eu-central-1b");
        assertThat(defaultRoute(tables.get("route-table/public")).gatewayId()).isEqualTo(igwId);
        assertThat(associatedSubnets(tables.get("route-table/public")))
                .containsExactlyInAnyOrder(
                        subnets.get("subnet/public/eu-central-1a").subnetId(),
                        subnets.get("subnet/public/eu-central-1b").subnetId());
        for (String zone : List.of("eu-central-1a", "eu-central-1b")) {
            RouteTable table = tables.get("route-table/private/" + zone);
            assertThat(defaultRoute(table).natGatewayId())
                    .as("private route of %s goes through the NAT gateway of its own zone", zone)
                    .isEqualTo(
                            natInSubnet.get(subnets.get("subnet/public/" + zone).subnetId()));
            assertThat(associatedSubnets(table))
                    .containsExactly(subnets.get("subnet/private/" + zone).subnetId());
        }

        assertSecurityGroupChain(aws);

        Stream.of(
                        aws.vpcs().stream().map(v -> v.tags()),
                        aws.subnets().stream().map(Subnet::tags),
                        aws.natGateways().stream().map(n -> n.tags()),
                        aws.addresses().stream().map(a -> a.tags()),
                        aws.routeTables().stream().map(RouteTable::tags),
                        aws.securityGroups().stream().map(SecurityGroup::tags),
                        aws.internetGateways().stream().map(i -> i.tags()))
                .flatMap(Function.identity())
                .forEach(tags -> {
                    assertThat(Ec2Inventory.tag(tags, Tags.MANAGED_BY)).isEqualTo("plinth");
                    assertThat(Ec2Inventory.tag(tags, "team")).isEqualTo("payments");
                    assertThat(Ec2Inventory.tag(tags, "Name")).startsWith("shop-staging-");
                });

        List<JsonNode> resources = api.get("/environments/" + id + "/resources")
                .json()
                .path("items")
                .valueStream()
                .toList();
        assertThat(resources).hasSize(31).allSatisfy(r -> {
            assertThat(r.path("state").asString()).isEqualTo("READY");
            assertThat(r.path("physicalId").asString()).isNotBlank();
        });
        List<String> eventTypes =
                api.events(id).stream().map(e -> e.path("type").asString()).toList();
        assertThat(eventTypes).first().isEqualTo("ACCEPTED");
        assertThat(eventTypes).last().isEqualTo("READY");
        assertThat(eventTypes.stream().filter("CREATE_FINISHED"::equals)).hasSize(31);

        tearDownToNothing(id);
    }

    /**
     * A network interface plinth did not make never leaves the subnet by itself: teardown waits for it until
     * the subnet's deadline, then stops naming it and how to clear it, and finishes once it is gone.
     */
    @Test
    void aNetworkInterfaceThatStaysInASubnetEndsTheTeardownNamingItAndItsFix() {
        String id = api.create("""
                {"name": "stray-interface", "region": "eu-central-1",
                 "network": {"cidr": "10.43.0.0/16", "availabilityZones": 1, "natGateways": "none"}}""");
        JsonNode ready = api.await(id, CONVERGE, "READY", "FAILED");
        assertThat(ready.path("status").asString()).as(ready.toString()).isEqualTo("READY");
        Ec2Client ec2 = ec2(REGION);
        String subnet = api.physicalId(id, "subnet/private/eu-central-1a");
        String eni = ec2.createNetworkInterface(r -> r.subnetId(subnet).description("attached by hand"))
                .networkInterface()
                .networkInterfaceId();

        api.delete("/environments/" + id);
        JsonNode stopped = api.await(id, CONVERGE, "DELETED", "DELETE_FAILED");

        assertThat(stopped.path("status").asString()).as(stopped.toString()).isEqualTo("DELETE_FAILED");
        assertThat(stopped.at("/failure/step").asString()).isEqualTo("subnet/private/eu-central-1a");
        assertThat(stopped.at("/failure/code").asString()).isEqualTo("DeleteBlocked");
        assertThat(stopped.at("/failure/message").asString())
                .contains(
                        "waiting for " + eni + " (attached by hand",
                        "to be released from " + subnet,
                        "aws ec2 delete-network-interface --network-interface-id, for each of " + eni);
        assertThat(api.messagesOf(id, "WAITING")).anySatisfy(m -> assertThat(m).startsWith("waiting for " + eni));

        ec2.deleteNetworkInterface(r -> r.networkInterfaceId(eni));
        tearDownToNothing(id);
    }

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of("single", 2, 1),
                Arguments.of("none", 2, 0),
                Arguments.of("per-az", 3, 3),
                Arguments.of("single", 1, 1));
    }

    @ParameterizedTest(name = "natGateways {0} over {1} zone(s)")
    @MethodSource("shapes")
    void everyNatModeAndZoneCountBuildsTheRightShape(String mode, int zones, int nats) {
        String name = "shape-" + mode + "-" + zones;
        String id = api.create("""
                {"name": "%s", "region": "eu-central-1",
                 "network": {"cidr": "10.8.0.0/20", "availabilityZones": %d, "natGateways": "%s"}}""".formatted(name, zones, mode));

        JsonNode env = api.await(id, CONVERGE, "READY", "FAILED");
        assertThat(env.path("status").asString()).as(env.toString()).isEqualTo("READY");
        Ec2Inventory aws = Ec2Inventory.ofEnvironment(ec2(REGION), id);

        assertThat(aws.vpcs())
                .singleElement()
                .satisfies(v -> assertThat(v.cidrBlock()).isEqualTo("10.8.0.0/20"));
        assertThat(aws.subnets()).hasSize(2 * zones);
        assertThat(aws.subnets().stream().map(Subnet::availabilityZone).distinct())
                .hasSize(zones);
        assertThat(aws.natGateways()).hasSize(nats);
        assertThat(aws.addresses()).hasSize(nats);
        assertThat(env.at("/outputs/natGatewayIds")).hasSize(nats);

        Map<String, RouteTable> tables = byKey(aws.routeTables(), RouteTable::tags);
        List<String> natIds =
                aws.natGateways().stream().map(n -> n.natGatewayId()).toList();
        tables.forEach((key, table) -> {
            if (key.startsWith("route-table/private/")) {
                if (nats == 0) {
                    assertThat(table.routes()).noneMatch(r -> "0.0.0.0/0".equals(r.destinationCidrBlock()));
                } else {
                    assertThat(defaultRoute(table).natGatewayId()).isIn(natIds);
                }
            }
        });
        if (mode.equals("single")) {
            assertThat(aws.natGateways().getFirst().subnetId())
                    .isEqualTo(byKey(aws.subnets(), Subnet::tags)
                            .get("subnet/public/eu-central-1a")
                            .subnetId());
        }
        assertSecurityGroupChain(aws);

        tearDownToNothing(id);
    }

    private void tearDownToNothing(String id) {
        Reply deleting = api.delete("/environments/" + id);
        assertThat(deleting.status()).isEqualTo(202);
        assertThat(deleting.text("/status")).isEqualTo("DELETING");

        JsonNode gone = api.await(id, CONVERGE, "DELETED", "DELETE_FAILED");
        assertThat(gone.path("status").asString()).as(gone.toString()).isEqualTo("DELETED");
        assertNothingTagged(REGION, id);
        assertThat(api.get("/environments/" + id).text("/status")).isEqualTo("DELETED");
    }

    /** internet → load balancer (80) → app → database proxy → database, and app → file system. */
    private static void assertSecurityGroupChain(Ec2Inventory aws) {
        Map<String, SecurityGroup> groups = byKey(aws.securityGroups(), SecurityGroup::tags);
        assertThat(groups)
                .containsOnlyKeys(
                        "security-group/load-balancer",
                        "security-group/app",
                        "security-group/database-proxy",
                        "security-group/database",
                        "security-group/file-system");
        Function<String, String> idOf =
                role -> groups.get("security-group/" + role).groupId();
        Map<String, List<String>> ingress = aws.securityGroupRules().stream()
                .filter(r -> !r.isEgress())
                .collect(Collectors.groupingBy(
                        SecurityGroupRule::groupId,
                        Collectors.mapping(NetworkProvisioningIT::describe, Collectors.toList())));

        assertThat(ingress.get(idOf.apply("load-balancer"))).containsExactly("80 from 0.0.0.0/0");
        assertThat(ingress.get(idOf.apply("app"))).containsExactly("80 from " + idOf.apply("load-balancer"));
        assertThat(ingress.get(idOf.apply("database-proxy"))).containsExactly("5432 from " + idOf.apply("app"));
        assertThat(ingress.get(idOf.apply("database"))).containsExactly("5432 from " + idOf.apply("database-proxy"));
        assertThat(ingress.get(idOf.apply("file-system"))).containsExactly("2049 from " + idOf.apply("app"));
    }

    private static String describe(SecurityGroupRule rule) {
        String source =
                rule.referencedGroupInfo() != null ? rule.referencedGroupInfo().groupId() : rule.cidrIpv4();
        return rule.fromPort() + " from " + source;
    }

    private static void assertSubnet(Subnet subnet, String zone, String cidr, boolean mapsPublicIps) {
        assertThat(subnet.availabilityZone()).isEqualTo(zone);
        assertThat(subnet.cidrBlock()).isEqualTo(cidr);
        assertThat(subnet.mapPublicIpOnLaunch()).isEqualTo(mapsPublicIps);
    }

    private static Route defaultRoute(RouteTable table) {
        return table.routes().stream()
                .filter(r -> "0.0.0.0/0".equals(r.destinationCidrBlock()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no default route in " + table.routeTableId()));
    }

    private static List<String> associatedSubnets(RouteTable table) {
        return table.associations().stream()
                .map(a -> a.subnetId())
                .filter(s -> s != null)
                .toList();
    }

    private static <T> Map<String, T> byKey(List<T> resources, Function<T, List<Tag>> tags) {
        return resources.stream()
                .collect(Collectors.toMap(r -> Ec2Inventory.tag(tags.apply(r), Tags.RESOURCE_KEY), r -> r));
    }
}
