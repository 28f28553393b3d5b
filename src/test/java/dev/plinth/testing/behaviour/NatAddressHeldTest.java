package dev.plinth.testing.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class NatAddressHeldTest {

    private static final AwsCall CREATE_NAT = ec2("CreateNatGateway", "SubnetId=subnet-1&AllocationId=eipalloc-1");
    private static final AwsCall DELETE_NAT = ec2("DeleteNatGateway", "NatGatewayId=nat-1");
    private static final AwsCall RELEASE = ec2("ReleaseAddress", "AllocationId=eipalloc-1");
    private static final AwsCall DESCRIBE = ec2("DescribeAddresses", "AllocationId.1=eipalloc-1");
    private static final AwsAnswer ASSOCIATED = answer("<DescribeAddressesResponse><addressesSet><item>"
            + "<allocationId>eipalloc-1</allocationId><associationId>eipassoc-1</associationId><domain>vpc</domain>"
            + "<networkInterfaceId>eni-1</networkInterfaceId><privateIpAddress>10.0.0.5</privateIpAddress>"
            + "<publicIp>198.51.100.7</publicIp></item></addressesSet></DescribeAddressesResponse>");

    private final AtomicLong clock = new AtomicLong();
    private final NatAddressHeld held = new NatAddressHeld(AwsTime.manual(clock::get));

    @Test
    void theAddressOfADeletedNatGatewayIsHeldForAWhileThenShownFree() {
        held.after(
                CREATE_NAT,
                answer("<CreateNatGatewayResponse><natGateway><natGatewayId>nat-1</natGatewayId>"
                        + "</natGateway></CreateNatGatewayResponse>"));
        assertThat(held.before(RELEASE)).as("the gateway is not being deleted").isEmpty();

        held.after(
                DELETE_NAT,
                answer("<DeleteNatGatewayResponse><natGatewayId>nat-1</natGatewayId></DeleteNatGatewayResponse>"));
        assertThat(held.before(RELEASE)).get().satisfies(e -> {
            assertThat(e.code()).isEqualTo("AuthFailure");
            assertThat(e.message()).isEqualTo("You do not have permission to access the specified resource.");
        });
        assertThat(held.after(DESCRIBE, ASSOCIATED).text()).contains("<associationId>eipassoc-1</associationId>");

        clock.addAndGet(NatAddressHeld.HELD.toNanos());
        assertThat(held.before(RELEASE)).isEmpty();
        assertThat(held.after(DESCRIBE, ASSOCIATED).text())
                .contains("<allocationId>eipalloc-1</allocationId>", "<publicIp>198.51.100.7</publicIp>")
                .doesNotContain("associationId", "networkInterfaceId", "privateIpAddress");
    }

    @Test
    void otherAddressesAreLeftAlone() {
        held.after(
                CREATE_NAT,
                answer("<CreateNatGatewayResponse><natGateway><natGatewayId>nat-1</natGatewayId>"
                        + "</natGateway></CreateNatGatewayResponse>"));
        held.after(DELETE_NAT, answer("<DeleteNatGatewayResponse/>"));
        assertThat(held.before(ec2("ReleaseAddress", "AllocationId=eipalloc-2")))
                .isEmpty();
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

    private static AwsAnswer answer(String xml) {
        return new AwsAnswer(200, Map.of(), xml.getBytes());
    }
}
