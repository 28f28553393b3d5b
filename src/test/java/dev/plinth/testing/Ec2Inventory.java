package dev.plinth.testing;

import dev.plinth.engine.Tags;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.InternetGateway;
import software.amazon.awssdk.services.ec2.model.NatGateway;
import software.amazon.awssdk.services.ec2.model.NatGatewayState;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Vpc;

/**
 * Everything in EC2 that carries a tag, read straight from the emulator. Tags are checked on what
 * comes back (some describe calls ignore tag filters), and deleted NAT gateways are left out.
 */
public record Ec2Inventory(
        List<Vpc> vpcs,
        List<Subnet> subnets,
        List<InternetGateway> internetGateways,
        List<NatGateway> natGateways,
        List<Address> addresses,
        List<RouteTable> routeTables,
        List<SecurityGroup> securityGroups,
        List<SecurityGroupRule> securityGroupRules) {

    /** The resources of one environment. */
    public static Ec2Inventory ofEnvironment(Ec2Client ec2, String environmentId) {
        return tagged(ec2, Tags.ENVIRONMENT_ID, environmentId);
    }

    /** Everything plinth manages in the region. */
    public static Ec2Inventory managed(Ec2Client ec2) {
        return tagged(ec2, Tags.MANAGED_BY, Tags.MANAGED_BY_VALUE);
    }

    static Ec2Inventory tagged(Ec2Client ec2, String key, String value) {
        return new Ec2Inventory(
                only(ec2.describeVpcs().vpcs(), Vpc::tags, key, value),
                only(ec2.describeSubnets().subnets(), Subnet::tags, key, value),
                only(ec2.describeInternetGateways().internetGateways(), InternetGateway::tags, key, value),
                only(
                        ec2.describeNatGateways().natGateways().stream()
                                .filter(n -> n.state() != NatGatewayState.DELETED)
                                .toList(),
                        NatGateway::tags,
                        key,
                        value),
                only(ec2.describeAddresses().addresses(), Address::tags, key, value),
                only(ec2.describeRouteTables().routeTables(), RouteTable::tags, key, value),
                only(ec2.describeSecurityGroups().securityGroups(), SecurityGroup::tags, key, value),
                only(
                        ec2.describeSecurityGroupRules(r -> {}).securityGroupRules(),
                        SecurityGroupRule::tags,
                        key,
                        value));
    }

    public int size() {
        return vpcs.size()
                + subnets.size()
                + internetGateways.size()
                + natGateways.size()
                + addresses.size()
                + routeTables.size()
                + securityGroups.size()
                + securityGroupRules.size();
    }

    public static String tag(List<Tag> tags, String key) {
        return tags.stream()
                .filter(t -> t.key().equals(key))
                .map(Tag::value)
                .findFirst()
                .orElse(null);
    }

    private static <T> List<T> only(List<T> all, Function<T, List<Tag>> tagsOf, String key, String value) {
        return all.stream().filter(r -> value.equals(tag(tagsOf.apply(r), key))).toList();
    }
}
