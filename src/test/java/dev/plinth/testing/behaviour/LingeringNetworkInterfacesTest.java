package dev.plinth.testing.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LingeringNetworkInterfacesTest {

    private static final String ALB_ARN =
            "arn:aws:elasticloadbalancing:eu-central-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188";
    private static final String SERVICE_ARN = "arn:aws:ecs:eu-central-1:123456789012:service/web-cluster/web";
    private static final AwsAnswer NONE =
            xml("<DescribeNetworkInterfacesResponse><networkInterfaceSet/></DescribeNetworkInterfacesResponse>");

    private final AtomicLong clock = new AtomicLong();
    private final LingeringNetworkInterfaces enis = new LingeringNetworkInterfaces(AwsTime.manual(clock::get));

    @BeforeEach
    void subnets() {
        enis.after(
                ec2("CreateSubnet", "VpcId=vpc-1&CidrBlock=10.0.0.0/24"),
                xml("<CreateSubnetResponse><subnet>"
                        + "<subnetId>subnet-a</subnetId></subnet></CreateSubnetResponse>"));
        enis.after(
                ec2("CreateSubnet", "VpcId=vpc-1&CidrBlock=10.0.1.0/24"),
                xml("<CreateSubnetResponse><subnet>"
                        + "<subnetId>subnet-b</subnetId></subnet></CreateSubnetResponse>"));
    }

    @Test
    void aDeletedLoadBalancersInterfacesHoldItsSubnetsGroupAndGatewayUntilReleased() {
        enis.after(
                query(
                        "elasticloadbalancing",
                        "CreateLoadBalancer",
                        "Name=web&Subnets.member.1=subnet-a"
                                + "&Subnets.member.2=subnet-b&SecurityGroups.member.1=sg-alb"),
                xml(
                        "<CreateLoadBalancerResponse><CreateLoadBalancerResult><LoadBalancers><member><LoadBalancerArn>"
                                + ALB_ARN
                                + "</LoadBalancerArn></member></LoadBalancers></CreateLoadBalancerResult></CreateLoadBalancerResponse>"));
        assertThat(enis.before(ec2("DeleteSubnet", "SubnetId=subnet-a")))
                .as("the load balancer still exists")
                .isEmpty();

        enis.after(
                query("elasticloadbalancing", "DeleteLoadBalancer", "LoadBalancerArn=" + ALB_ARN),
                xml("<DeleteLoadBalancerResponse/>"));

        assertThat(enis.before(ec2("DeleteSubnet", "SubnetId=subnet-b")))
                .get()
                .extracting(AwsError::code)
                .isEqualTo("DependencyViolation");
        assertThat(enis.before(ec2("DeleteSecurityGroup", "GroupId=sg-alb")))
                .get()
                .extracting(AwsError::message)
                .isEqualTo("resource sg-alb has a dependent object");
        assertThat(enis.before(ec2("DetachInternetGateway", "InternetGatewayId=igw-1&VpcId=vpc-1")))
                .get()
                .extracting(AwsError::message)
                .asString()
                .contains("has some mapped public address(es)");
        assertThat(enis.before(ec2("DeleteSecurityGroup", "GroupId=sg-other"))).isEmpty();
        assertThat(describe("Filter.1.Name=subnet-id&Filter.1.Value.1=subnet-a"))
                .contains(
                        "<description>ELB app/web/50dc6c495c0c9188</description>",
                        "<requesterId>amazon-elb</requesterId>",
                        "<subnetId>subnet-a</subnetId>",
                        "<vpcId>vpc-1</vpcId>",
                        "<groupId>sg-alb</groupId>",
                        "<status>in-use</status>",
                        "<publicIp>")
                .doesNotContain("subnet-b");
        assertThat(describe("Filter.1.Name=subnet-id&Filter.1.Value.1=subnet-c"))
                .doesNotContain("networkInterfaceId");

        advance(InterfaceOwners.ELB_LAG);
        assertThat(enis.before(ec2("DeleteSubnet", "SubnetId=subnet-b"))).isEmpty();
        assertThat(enis.before(ec2("DeleteSecurityGroup", "GroupId=sg-alb"))).isEmpty();
        assertThat(describe("Filter.1.Name=subnet-id&Filter.1.Value.1=subnet-a"))
                .doesNotContain("networkInterfaceId");
    }

    @Test
    void aNatGatewaysOwnInterfaceIsDescribedAsAwsDoesThenReleased() {
        enis.after(
                ec2("CreateNatGateway", "SubnetId=subnet-a&AllocationId=eipalloc-1"),
                xml(
                        "<CreateNatGatewayResponse>"
                                + "<natGateway><natGatewayAddressSet><item><networkInterfaceId>eni-nat</networkInterfaceId></item>"
                                + "</natGatewayAddressSet><natGatewayId>nat-1</natGatewayId></natGateway></CreateNatGatewayResponse>"));
        enis.after(ec2("DeleteNatGateway", "NatGatewayId=nat-1"), xml("<DeleteNatGatewayResponse/>"));
        AwsAnswer emulators = xml("<DescribeNetworkInterfacesResponse><networkInterfaceSet><item>"
                + "<networkInterfaceId>eni-nat</networkInterfaceId><description/><requesterId>AIDAMOTO</requesterId>"
                + "<requesterManaged>false</requesterManaged><status>available</status><subnetId>subnet-a</subnetId>"
                + "</item></networkInterfaceSet></DescribeNetworkInterfacesResponse>");

        assertThat(enis.after(describeCall("Filter.1.Name=subnet-id&Filter.1.Value.1=subnet-a"), emulators)
                        .text())
                .contains(
                        "<description>Interface for NAT Gateway nat-1</description>",
                        "<interfaceType>nat_gateway</interfaceType>",
                        "<requesterManaged>true</requesterManaged>")
                .doesNotContain("AIDAMOTO");
        assertThat(enis.before(ec2("DeleteSubnet", "SubnetId=subnet-a"))).isPresent();

        advance(InterfaceOwners.NAT_LAG);
        assertThat(enis.after(describeCall("Filter.1.Name=subnet-id&Filter.1.Value.1=subnet-a"), emulators)
                        .text())
                .as("released, though the emulator keeps it")
                .doesNotContain("eni-nat");
        assertThat(enis.before(ec2("DeleteSubnet", "SubnetId=subnet-a"))).isEmpty();
    }

    @Test
    void tasksAndDatabasesLeaveTheirInterfacesInTheirGroups() {
        enis.after(
                new AwsCall(
                        "ecs",
                        "eu-central-1",
                        "CreateService",
                        Protocol.JSON,
                        "POST",
                        "/",
                        null,
                        "{\"cluster\":\"web-cluster\",\"serviceName\":\"web\",\"desiredCount\":2,\"networkConfiguration\":"
                                + "{\"awsvpcConfiguration\":{\"subnets\":[\"subnet-a\",\"subnet-b\"],\"securityGroups\":[\"sg-app\"]}}}"),
                json("{\"service\":{\"serviceArn\":\"" + SERVICE_ARN + "\"}}"));
        enis.after(
                query("rds", "CreateDBSubnetGroup", "DBSubnetGroupName=Web-DB&SubnetIds.SubnetIdentifier.1=subnet-b"),
                xml("<CreateDBSubnetGroupResponse/>"));
        enis.after(
                query(
                        "rds",
                        "CreateDBInstance",
                        "DBInstanceIdentifier=web-db&DBSubnetGroupName=web-db"
                                + "&VpcSecurityGroupIds.VpcSecurityGroupId.1=sg-db"),
                xml("<CreateDBInstanceResponse/>"));

        enis.after(
                new AwsCall(
                        "ecs",
                        "eu-central-1",
                        "DeleteService",
                        Protocol.JSON,
                        "POST",
                        "/",
                        null,
                        "{\"cluster\":\"web-cluster\",\"service\":\"web\"}"),
                json("{\"service\":{}}"));
        enis.after(
                query("rds", "DeleteDBInstance", "DBInstanceIdentifier=web-db&SkipFinalSnapshot=true"),
                xml("<DeleteDBInstanceResponse/>"));

        assertThat(describe("Filter.1.Name=group-id&Filter.1.Value.1=sg-app"))
                .containsPattern(
                        "<description>arn:aws:ecs:eu-central-1:123456789012:attachment/[0-9a-f-]{36}</description>")
                .contains("<requesterId>" + InterfaceOwners.ECS_REQUESTER + "</requesterId>", "subnet-a", "subnet-b");
        assertThat(describe("Filter.1.Name=group-id&Filter.1.Value.1=sg-db"))
                .contains(
                        "<description>RDSNetworkInterface</description>",
                        "<requesterId>amazon-rds</requesterId>",
                        "<subnetId>subnet-b</subnetId>")
                .doesNotContain("publicIp");
        assertThat(enis.before(ec2("DeleteSecurityGroup", "GroupId=sg-db"))).isPresent();
        assertThat(enis.before(ec2("DetachInternetGateway", "VpcId=vpc-1")))
                .as("no public address")
                .isEmpty();

        enis.reset();
        assertThat(enis.before(ec2("DeleteSecurityGroup", "GroupId=sg-db"))).isEmpty();
    }

    private String describe(String filters) {
        return enis.after(describeCall(filters), NONE).text();
    }

    private static AwsCall describeCall(String filters) {
        return ec2("DescribeNetworkInterfaces", filters);
    }

    private void advance(Duration real) {
        clock.addAndGet(real.toNanos());
    }

    private static AwsCall ec2(String action, String params) {
        return new AwsCall(
                "ec2",
                "eu-central-1",
                action,
                Protocol.EC2,
                "POST",
                "/",
                null,
                "Action=" + action + "&Version=2016-11-15&" + params);
    }

    private static AwsCall query(String service, String action, String params) {
        return new AwsCall(
                service, "eu-central-1", action, Protocol.QUERY, "POST", "/", null, "Action=" + action + "&" + params);
    }

    private static AwsAnswer xml(String text) {
        return new AwsAnswer(200, Map.of(), text.getBytes());
    }

    private static AwsAnswer json(String text) {
        return new AwsAnswer(200, Map.of(), text.getBytes());
    }
}
