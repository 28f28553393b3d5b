package dev.plinth.testing.behaviour;

import dev.plinth.testing.behaviour.Timeline.Phase;
import java.time.Duration;

/**
 * A NAT gateway is {@code pending} for a minute or two before it is {@code available}, and
 * {@code deleting} for about a minute before it is {@code deleted}; the emulator answers the end state at
 * once. Source: the VPC user guide, "NAT gateways" (states pending, available, deleting, deleted) and
 * terraform-provider-aws internal/service/ec2/vpc_nat_gateway.go, which waits up to 10 minutes for
 * pending to become available and up to 30 for deleting to become deleted.
 */
final class NatGatewayStates implements Behaviour {

    static final String PENDING = "pending";
    static final String DELETING = "deleting";

    private static final Duration CREATE = Duration.ofMinutes(2);
    private static final Duration DELETE = Duration.ofMinutes(1);

    private final Timeline timeline;

    NatGatewayStates(AwsTime time) {
        this.timeline = new Timeline(time);
    }

    @Override
    public String name() {
        return "nat-gateway-states";
    }

    @Override
    public AwsAnswer after(AwsCall call, AwsAnswer answer) {
        if (!call.service().equals("ec2") || !answer.ok()) {
            return answer;
        }
        switch (call.action()) {
            case "CreateNatGateway" -> started(answer, new Phase(PENDING, CREATE));
            case "DeleteNatGateway" -> timeline.start(call.param("NatGatewayId"), new Phase(DELETING, DELETE));
            case "DescribeNatGateways" -> {}
            default -> {
                return answer;
            }
        }
        XmlAnswer xml = XmlAnswer.of(answer);
        xml.forEachItem("natGatewayId", (id, item) -> timeline.stateOf(id)
                .ifPresent(state -> XmlAnswer.set(item, "state", state)));
        return answer.withText(xml.text());
    }

    private void started(AwsAnswer answer, Phase phase) {
        XmlAnswer.of(answer).forEachItem("natGatewayId", (id, item) -> timeline.start(id, phase));
    }

    @Override
    public void reset() {
        timeline.reset();
    }
}
