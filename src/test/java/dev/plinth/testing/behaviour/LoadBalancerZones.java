package dev.plinth.testing.behaviour;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Application Load Balancer spans two zones or more. CreateLoadBalancer (Elastic Load Balancing API
 * reference, "Subnets": "[Application Load Balancers] You must specify subnets from at least two
 * Availability Zones") answers ValidationError "At least two subnets in two different Availability
 * Zones must be specified", and InvalidConfigurationRequest for two subnets of one zone; the emulator
 * takes one subnet. The zone of each subnet is learnt from the CreateSubnet and DescribeSubnets answers
 * the front forwards; a load balancer on a subnet it has not seen is let through.
 */
final class LoadBalancerZones implements Behaviour {

    static final String ONE_ZONE = "At least two subnets in two different Availability Zones must be specified";
    static final String SAME_ZONE =
            "A load balancer cannot be attached to multiple subnets in the same Availability Zone";

    /** A subnet in an EC2 answer: its id, then (before the next subnet) its zone. */
    private static final Pattern SUBNET = Pattern.compile(
            "<subnetId>([^<]+)</subnetId>(?:(?!<subnetId>).)*?<availabilityZone>([^<]+)</availabilityZone>",
            Pattern.DOTALL);

    private final Map<String, String> zoneOfSubnet = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "elb-two-zones";
    }

    @Override
    public Optional<AwsError> before(AwsCall call) {
        if (!call.is("elasticloadbalancing", "CreateLoadBalancer") && !call.is("elasticloadbalancing", "SetSubnets")) {
            return Optional.empty();
        }
        String type = call.param("Type");
        if (type != null && !type.equals("application")) {
            return Optional.empty();
        }
        List<String> subnets = new ArrayList<>(call.params("Subnets.member"));
        for (int i = 1; call.param("SubnetMappings.member." + i + ".SubnetId") != null; i++) {
            subnets.add(call.param("SubnetMappings.member." + i + ".SubnetId"));
        }
        Set<String> zones = new HashSet<>();
        for (String subnet : subnets) {
            String zone = zoneOfSubnet.get(subnet);
            if (zone == null) {
                return Optional.empty();
            }
            if (!zones.add(zone)) {
                return Optional.of(AwsError.client("InvalidConfigurationRequest", SAME_ZONE));
            }
        }
        return zones.size() < 2 ? Optional.of(AwsError.client("ValidationError", ONE_ZONE)) : Optional.empty();
    }

    @Override
    public AwsAnswer after(AwsCall call, AwsAnswer answer) {
        if (answer.ok() && (call.is("ec2", "CreateSubnet") || call.is("ec2", "DescribeSubnets"))) {
            Matcher m = SUBNET.matcher(answer.text());
            while (m.find()) {
                zoneOfSubnet.put(m.group(1), m.group(2));
            }
        }
        return answer;
    }

    @Override
    public void reset() {
        zoneOfSubnet.clear();
    }
}
