package dev.plinth.aws.network;

import dev.plinth.engine.Layer;
import dev.plinth.engine.LayerNodes;
import dev.plinth.engine.ResourceKey;
import dev.plinth.engine.ResourceNode;
import dev.plinth.spec.DatabaseEngine;
import dev.plinth.spec.EnvironmentSpec;
import dev.plinth.spec.Ipv4Block;
import dev.plinth.spec.NatGatewayMode;
import dev.plinth.spec.NetworkSpec;
import dev.plinth.spec.ServiceSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The network layer as data: a VPC with an internet gateway; per zone a public and a private subnet;
 * NAT gateways per {@link NatGatewayMode}; a public route table to the internet gateway and one
 * private route table per zone to its NAT gateway; and the security groups of the later layers,
 * each admitting only the one in front of it, on the port the spec implies:
 * internet on :80 (or, with a CDN, only CloudFront's origin-facing addresses) → load balancer → app
 * (service port) → database proxy → database (engine port; app → database without a proxy), and
 * app → file system (NFS).
 *
 * <p>The block is cut into eight equal parts: public subnets take parts 0–2, private subnets 4–6.
 */
public final class NetworkLayer {

    public static final ResourceKey VPC = ResourceKey.of("vpc");
    public static final ResourceKey INTERNET_GATEWAY = ResourceKey.of("internet-gateway");
    public static final ResourceKey INTERNET_GATEWAY_ATTACHMENT = ResourceKey.of("internet-gateway-attachment");
    public static final ResourceKey PUBLIC_ROUTE_TABLE = ResourceKey.of("route-table", "public");
    static final ResourceKey PUBLIC_DEFAULT_ROUTE = ResourceKey.of("route", "public-default");

    static final String ANYWHERE = "0.0.0.0/0";
    private static final int SUBNET_BITS = 3;
    private static final int PRIVATE_OFFSET = 4;

    static final int NFS_PORT = 2049;
    /** The AWS-managed prefix list of the addresses CloudFront uses to reach origins. */
    static final String CLOUDFRONT_ORIGIN_FACING = "com.amazonaws.global.cloudfront.origin-facing";

    /** The security groups, named by role; {@code output} is the key in the environment's outputs. */
    public enum SecurityGroupRole {
        LOAD_BALANCER("load-balancer", "loadBalancer", "load balancer: HTTP from the internet, or from CloudFront"),
        APP("app", "app", "app tasks: the app port from the load balancer"),
        DATABASE_PROXY("database-proxy", "databaseProxy", "database proxy: the database port from the app"),
        DATABASE("database", "database", "database: the database port from the proxy"),
        FILE_SYSTEM("file-system", "fileSystem", "file system: NFS from the app");

        final String keyPart;
        final String output;
        final String description;

        SecurityGroupRole(String keyPart, String output, String description) {
            this.keyPart = keyPart;
            this.output = output;
            this.description = description;
        }

        public ResourceKey key() {
            return ResourceKey.of("security-group", keyPart);
        }
    }

    private NetworkLayer() {}

    public static ResourceKey publicSubnet(String zone) {
        return ResourceKey.of("subnet", "public", zone);
    }

    public static ResourceKey privateSubnet(String zone) {
        return ResourceKey.of("subnet", "private", zone);
    }

    public static ResourceKey natGateway(String zone) {
        return ResourceKey.of("nat-gateway", zone);
    }

    static ResourceKey elasticIp(String zone) {
        return ResourceKey.of("eip", zone);
    }

    static ResourceKey privateRouteTable(String zone) {
        return ResourceKey.of("route-table", "private", zone);
    }

    /** The zones that get a NAT gateway. */
    static List<String> natZones(NatGatewayMode mode, List<String> zones) {
        return switch (mode) {
            case NONE -> List.of();
            case SINGLE -> List.of(zones.getFirst());
            case PER_AZ -> zones;
        };
    }

    /** The resources of the network layer of a spec with its defaults applied, over the given zones. */
    public static List<ResourceNode> nodes(EnvironmentSpec spec, List<String> zones) {
        NetworkSpec network = spec.network();
        var nodes = new Nodes();
        Ipv4Block block = Ipv4Block.parse(network.cidr()).orElseThrow();

        nodes.add(VPC, new VpcHandler.Desired(network.cidr()));
        nodes.add(INTERNET_GATEWAY, new InternetGatewayHandler.Desired());
        nodes.add(
                INTERNET_GATEWAY_ATTACHMENT,
                new InternetGatewayAttachmentHandler.Desired(INTERNET_GATEWAY, VPC),
                INTERNET_GATEWAY,
                VPC);
        nodes.add(PUBLIC_ROUTE_TABLE, new RouteTableHandler.Desired(VPC), VPC);
        nodes.add(
                PUBLIC_DEFAULT_ROUTE,
                new RouteHandler.Desired(
                        PUBLIC_ROUTE_TABLE,
                        ANYWHERE,
                        RouteHandler.TargetType.INTERNET_GATEWAY,
                        INTERNET_GATEWAY_ATTACHMENT),
                PUBLIC_ROUTE_TABLE,
                INTERNET_GATEWAY_ATTACHMENT);

        List<String> natZones = natZones(network.natGateways(), zones);
        for (int i = 0; i < zones.size(); i++) {
            String zone = zones.get(i);
            nodes.add(
                    publicSubnet(zone),
                    new SubnetHandler.Desired(
                            VPC, zone, block.subnet(SUBNET_BITS, i).toString(), true),
                    VPC);
            nodes.add(
                    privateSubnet(zone),
                    new SubnetHandler.Desired(
                            VPC,
                            zone,
                            block.subnet(SUBNET_BITS, PRIVATE_OFFSET + i).toString(),
                            false),
                    VPC);
            nodes.add(
                    ResourceKey.of("route-table-association", "public", zone),
                    new RouteTableAssociationHandler.Desired(PUBLIC_ROUTE_TABLE, publicSubnet(zone)),
                    PUBLIC_ROUTE_TABLE,
                    publicSubnet(zone));

            if (natZones.contains(zone)) {
                // NOTE: a NAT gateway needs the internet gateway attached; its address is released only after it is
                // gone
                nodes.add(elasticIp(zone), new ElasticIpHandler.Desired(), INTERNET_GATEWAY_ATTACHMENT);
                nodes.add(
                        natGateway(zone),
                        new NatGatewayHandler.Desired(publicSubnet(zone), elasticIp(zone)),
                        publicSubnet(zone),
                        elasticIp(zone),
                        INTERNET_GATEWAY_ATTACHMENT);
            }
            nodes.add(privateRouteTable(zone), new RouteTableHandler.Desired(VPC), VPC);
            nodes.add(
                    ResourceKey.of("route-table-association", "private", zone),
                    new RouteTableAssociationHandler.Desired(privateRouteTable(zone), privateSubnet(zone)),
                    privateRouteTable(zone),
                    privateSubnet(zone));
        }
        if (!natZones.isEmpty()) {
            for (String zone : zones) {
                // each zone uses its own NAT gateway when it has one, else the first zone's
                ResourceKey nat = natGateway(natZones.contains(zone) ? zone : natZones.getFirst());
                nodes.add(
                        ResourceKey.of("route", "private-default", zone),
                        new RouteHandler.Desired(
                                privateRouteTable(zone), ANYWHERE, RouteHandler.TargetType.NAT_GATEWAY, nat),
                        privateRouteTable(zone),
                        nat);
            }
        }

        for (SecurityGroupRole role : SecurityGroupRole.values()) {
            nodes.add(role.key(), new SecurityGroupHandler.Desired(VPC, role.description), VPC);
        }
        // the load balancer listens on HTTP :80 only (no certificate yet); with a CDN only CloudFront may reach it
        if (spec.hasCdn()) {
            nodes.ingressFromPrefixList(
                    SecurityGroupRole.LOAD_BALANCER, "http-from-cloudfront", 80, CLOUDFRONT_ORIGIN_FACING);
        } else {
            nodes.ingressFromCidr(SecurityGroupRole.LOAD_BALANCER, "http", 80);
        }
        int appPort = spec.hasService() ? spec.service().port() : ServiceSpec.DEFAULT_PORT;
        int databasePort =
                spec.hasRelationalDatabase() ? spec.database().engine().port() : DatabaseEngine.POSTGRES.port();
        nodes.ingress(SecurityGroupRole.APP, SecurityGroupRole.LOAD_BALANCER, appPort);
        nodes.ingress(SecurityGroupRole.DATABASE_PROXY, SecurityGroupRole.APP, databasePort);
        if (spec.hasRelationalDatabase() && !spec.hasProxy()) {
            nodes.ingress(SecurityGroupRole.DATABASE, SecurityGroupRole.APP, databasePort);
        } else {
            nodes.ingress(SecurityGroupRole.DATABASE, SecurityGroupRole.DATABASE_PROXY, databasePort);
        }
        nodes.ingress(SecurityGroupRole.FILE_SYSTEM, SecurityGroupRole.APP, NFS_PORT);
        return nodes.list();
    }

    /** The private default routes: what gives the private subnets their way out (none without NAT gateways). */
    public static List<ResourceKey> privateEgress(EnvironmentSpec spec, List<String> zones) {
        return natZones(spec.network().natGateways(), zones).isEmpty()
                ? List.of()
                : zones.stream()
                        .map(zone -> ResourceKey.of("route", "private-default", zone))
                        .toList();
    }

    /** The network's ids, as far as they are known. */
    public static NetworkIds ids(NetworkSpec network, List<String> zones, Map<ResourceKey, String> physicalIds) {
        var groups = new LinkedHashMap<String, String>();
        for (SecurityGroupRole role : SecurityGroupRole.values()) {
            String id = physicalIds.get(role.key());
            if (id != null) {
                groups.put(role.output, id);
            }
        }
        return new NetworkIds(
                physicalIds.get(VPC),
                physicalIds.get(INTERNET_GATEWAY),
                idsOf(zones.stream().map(NetworkLayer::publicSubnet).toList(), physicalIds),
                idsOf(zones.stream().map(NetworkLayer::privateSubnet).toList(), physicalIds),
                idsOf(
                        natZones(network.natGateways(), zones).stream()
                                .map(NetworkLayer::natGateway)
                                .toList(),
                        physicalIds),
                groups);
    }

    /** The network's part of the outputs. */
    public record NetworkIds(
            String vpcId,
            String internetGatewayId,
            List<String> publicSubnetIds,
            List<String> privateSubnetIds,
            List<String> natGatewayIds,
            Map<String, String> securityGroupIds) {}

    private static List<String> idsOf(List<ResourceKey> keys, Map<ResourceKey, String> physicalIds) {
        return keys.stream().map(physicalIds::get).filter(Objects::nonNull).toList();
    }

    private static final class Nodes extends LayerNodes {

        Nodes() {
            super(Layer.NETWORK);
        }

        void ingress(SecurityGroupRole to, SecurityGroupRole from, int port) {
            add(
                    ResourceKey.of("security-group-ingress", to.keyPart + "-from-" + from.keyPart),
                    new SecurityGroupIngressHandler.Desired(
                            to.key(),
                            port,
                            SecurityGroupIngressHandler.Source.group(from.key()),
                            "from the " + from.keyPart + " group"),
                    to.key(),
                    from.key());
        }

        void ingressFromCidr(SecurityGroupRole to, String name, int port) {
            add(
                    ResourceKey.of("security-group-ingress", to.keyPart + "-" + name),
                    new SecurityGroupIngressHandler.Desired(
                            to.key(), port, SecurityGroupIngressHandler.Source.cidr(ANYWHERE), name + " from anywhere"),
                    to.key());
        }

        void ingressFromPrefixList(SecurityGroupRole to, String name, int port, String prefixListName) {
            add(
                    ResourceKey.of("security-group-ingress", to.keyPart + "-" + name),
                    new SecurityGroupIngressHandler.Desired(
                            to.key(), port, SecurityGroupIngressHandler.Source.prefixList(prefixListName), name),
                    to.key());
        }
    }
}
