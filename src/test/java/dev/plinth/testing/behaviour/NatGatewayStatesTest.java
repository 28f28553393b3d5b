package dev.plinth.testing.behaviour;

import static dev.plinth.testing.behaviour.Answers.ok;
import static dev.plinth.testing.behaviour.Answers.query;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NatGatewayStatesTest {

    private static final String NS = "xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"";
    private static final AwsCall DESCRIBE = query("ec2", "DescribeNatGateways", "NatGatewayId.1=nat-1");

    private static String described(String state) {
        return "<DescribeNatGatewaysResponse " + NS + "><natGatewaySet><item><natGatewayId>nat-1</natGatewayId>"
                + "<natGatewayAddressSet><item><allocationId>eipalloc-1</allocationId></item></natGatewayAddressSet>"
                + "<state>" + state + "</state></item></natGatewaySet></DescribeNatGatewaysResponse>";
    }

    @Test
    void aNewGatewayIsPendingAndADeletedOneDeletingBeforeItIsDeleted() {
        var aws = new NatGatewayStates(AwsTime.scaled(1));
        aws.after(
                query("ec2", "CreateNatGateway", "SubnetId=subnet-1"),
                ok(
                        "<CreateNatGatewayResponse " + NS
                                + "><natGateway><natGatewayId>nat-1</natGatewayId><state>available</state></natGateway></CreateNatGatewayResponse>"));
        assertThat(aws.after(DESCRIBE, ok(described("available"))).text()).contains("<state>pending</state>");

        aws.after(
                query("ec2", "DeleteNatGateway", "NatGatewayId=nat-1"),
                ok("<DeleteNatGatewayResponse " + NS
                        + "><natGatewayId>nat-1</natGatewayId></DeleteNatGatewayResponse>"));
        assertThat(aws.after(DESCRIBE, ok(described("deleted"))).text()).contains("<state>deleting</state>");
        assertThat(aws.before(query("ec2", "DeleteSubnet", "SubnetId=subnet-1")))
                .as("its subnet is still in use")
                .get()
                .extracting(AwsError::code)
                .isEqualTo("DependencyViolation");
        assertThat(aws.before(query("ec2", "DeleteSubnet", "SubnetId=subnet-2")))
                .isEmpty();
    }

    @Test
    void onceItsTimeHasPassedTheEmulatorsAnswerStands() {
        var aws = new NatGatewayStates(AwsTime.scaled(0));
        aws.after(query("ec2", "DeleteNatGateway", "NatGatewayId=nat-1"), ok("<DeleteNatGatewayResponse " + NS + "/>"));
        assertThat(aws.after(DESCRIBE, ok(described("deleted"))).text()).contains("<state>deleted</state>");
    }
}
