package dev.plinth.testing.behaviour;

import static dev.plinth.testing.behaviour.Calls.ok;
import static dev.plinth.testing.behaviour.Calls.query;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Ec2IdPropagationTest {

    private static final AwsCall CREATE_VPC = query("ec2", "CreateVpc", "CidrBlock=10.0.0.0%2F16");
    private static final AwsAnswer VPC_CREATED =
            ok("<CreateVpcResponse><vpc><vpcId>vpc-1a2b</vpcId></vpc></CreateVpcResponse>");

    @Test
    void aCallNamingAnIdMadeAMomentAgoAnswersItsKindsNotFound() {
        var behaviour = new Ec2IdPropagation(Calls.REAL);
        behaviour.after(CREATE_VPC, VPC_CREATED);

        assertThat(behaviour.before(query("ec2", "CreateSubnet", "VpcId=vpc-1a2b&CidrBlock=10.0.1.0%2F24")))
                .get()
                .satisfies(error -> {
                    assertThat(error.code()).isEqualTo("InvalidVpcID.NotFound");
                    assertThat(error.message()).isEqualTo("The vpc ID 'vpc-1a2b' does not exist");
                });
        assertThat(behaviour.before(query("ec2", "DescribeVpcs", "VpcId.1=vpc-1a2b")))
                .isPresent();
        assertThat(behaviour.before(query("ec2", "DescribeVpcs", "Filter.1.Name=tag%3Aplinth")))
                .as("not named")
                .isEmpty();
    }

    @Test
    void eachKindHasItsOwnCode() {
        var behaviour = new Ec2IdPropagation(Calls.REAL);
        behaviour.after(
                query("ec2", "CreateSecurityGroup", "GroupName=app"),
                ok("<CreateSecurityGroupResponse><groupId>sg-9</groupId></CreateSecurityGroupResponse>"));
        behaviour.after(
                query("ec2", "CreateNatGateway", "SubnetId=subnet-1"),
                ok(
                        "<CreateNatGatewayResponse><natGateway><natGatewayId>nat-7</natGatewayId></natGateway></CreateNatGatewayResponse>"));
        behaviour.after(
                query("ec2", "AllocateAddress", "Domain=vpc"),
                ok("<AllocateAddressResponse><allocationId>eipalloc-3</allocationId></AllocateAddressResponse>"));

        assertThat(behaviour
                        .before(query("ec2", "AuthorizeSecurityGroupIngress", "GroupId=sg-9"))
                        .orElseThrow()
                        .code())
                .isEqualTo("InvalidGroup.NotFound");
        assertThat(behaviour
                        .before(query("ec2", "CreateRoute", "RouteTableId=rtb-1&NatGatewayId=nat-7"))
                        .orElseThrow()
                        .code())
                .isEqualTo("InvalidNatGatewayID.NotFound");
        assertThat(behaviour
                        .before(query("ec2", "DescribeNatGateways", "NatGatewayId.1=nat-7"))
                        .orElseThrow()
                        .code())
                .isEqualTo("NatGatewayNotFound");
        assertThat(behaviour
                        .before(query("ec2", "CreateNatGateway", "AllocationId=eipalloc-3"))
                        .orElseThrow()
                        .code())
                .isEqualTo("InvalidAllocationID.NotFound");
    }

    @Test
    void theIdIsKnownOnceItHasPropagated() {
        var behaviour = new Ec2IdPropagation(Calls.SETTLED);
        behaviour.after(CREATE_VPC, VPC_CREATED);

        assertThat(behaviour.before(query("ec2", "CreateSubnet", "VpcId=vpc-1a2b")))
                .isEmpty();
    }
}
