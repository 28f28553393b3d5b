package dev.plinth.testing.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadBalancerZonesTest {

    private final LoadBalancerZones behaviour = new LoadBalancerZones();

    private void sawSubnet(String id, String zone) {
        var call = new AwsCall(
                "ec2",
                "eu-central-1",
                "CreateSubnet",
                Protocol.EC2,
                "POST",
                "/",
                null,
                "Action=CreateSubnet&VpcId=vpc-1&CidrBlock=10.0.0.0%2F24&AvailabilityZone=" + zone);
        behaviour.after(
                call,
                new AwsAnswer(
                        200,
                        Map.of(),
                        ("<CreateSubnetResponse><subnet><subnetId>" + id
                                        + "</subnetId><state>pending</state><availabilityZone>" + zone
                                        + "</availabilityZone>"
                                        + "<availabilityZoneId>euc1-az2</availabilityZoneId></subnet></CreateSubnetResponse>")
                                .getBytes()));
    }

    private static AwsCall createLoadBalancer(String... subnets) {
        var body = new StringBuilder("Action=CreateLoadBalancer&Name=shop-1a2b3c&Type=application");
        for (int i = 0; i < subnets.length; i++) {
            body.append("&Subnets.member.").append(i + 1).append('=').append(subnets[i]);
        }
        return new AwsCall(
                "elasticloadbalancing",
                "eu-central-1",
                "CreateLoadBalancer",
                Protocol.QUERY,
                "POST",
                "/",
                null,
                body.toString());
    }

    @Test
    void anApplicationLoadBalancerInOneZoneIsRefusedAsAwsDoes() {
        sawSubnet("subnet-a", "eu-central-1a");

        assertThat(behaviour.before(createLoadBalancer("subnet-a")))
                .get()
                .isEqualTo(AwsError.client(
                        "ValidationError",
                        "At least two subnets in two different Availability Zones must be specified"));
    }

    @Test
    void twoSubnetsOfOneZoneAreRefusedAndTwoZonesAreTaken() {
        sawSubnet("subnet-a", "eu-central-1a");
        sawSubnet("subnet-a2", "eu-central-1a");
        sawSubnet("subnet-b", "eu-central-1b");

        assertThat(behaviour.before(createLoadBalancer("subnet-a", "subnet-a2")))
                .get()
                .extracting(AwsError::code)
                .isEqualTo("InvalidConfigurationRequest");
        assertThat(behaviour.before(createLoadBalancer("subnet-a", "subnet-b"))).isEmpty();
    }

    @Test
    void zonesAreLearntFromDescribeSubnetsAndForgottenOnReset() {
        var describe = new AwsCall(
                "ec2", "eu-central-1", "DescribeSubnets", Protocol.EC2, "POST", "/", null, "Action=DescribeSubnets");
        behaviour.after(
                describe,
                new AwsAnswer(
                        200,
                        Map.of(),
                        ("<DescribeSubnetsResponse><subnetSet>"
                                        + "<item><subnetId>subnet-c</subnetId><availabilityZone>eu-central-1c</availabilityZone>"
                                        + "<tagSet><item><key>Name</key><value>c</value></item></tagSet></item>"
                                        + "<item><subnetId>subnet-d</subnetId><availabilityZone>eu-central-1c</availabilityZone></item>"
                                        + "</subnetSet></DescribeSubnetsResponse>")
                                .getBytes()));
        assertThat(behaviour.before(createLoadBalancer("subnet-c", "subnet-d"))).isPresent();

        behaviour.reset();
        assertThat(behaviour.before(createLoadBalancer("subnet-c", "subnet-d")))
                .as("subnets it has not seen are let through")
                .isEmpty();
    }

    @Test
    void aNetworkLoadBalancerMayHaveOneZone() {
        sawSubnet("subnet-a", "eu-central-1a");
        var network = new AwsCall(
                "elasticloadbalancing",
                "eu-central-1",
                "CreateLoadBalancer",
                Protocol.QUERY,
                "POST",
                "/",
                null,
                "Action=CreateLoadBalancer&Name=n&Type=network&Subnets.member.1=subnet-a");

        assertThat(behaviour.before(network)).isEmpty();
    }
}
