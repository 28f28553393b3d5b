package dev.plinth.testing.behaviour;

import dev.plinth.testing.behaviour.Timeline.Phase;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A NAT gateway is {@code pending} for a minute or two before it is {@code available}, and
 * {@code deleting} for about a minute before it is {@code deleted}; the emulator answers the end state at
 * once. While it is deleting, its subnet cannot be deleted (DependencyViolation: its network interface is
 * still there). Source: the VPC user guide, "NAT gateways" (states pending, available, deleting, deleted) and
 * terraform-provider-aws internal/service/ec2/vpc_nat_gateway.go, which waits up to 10 minutes for
 * pending to become available and up to 30 for deleting to become deleted.
 */
final class NatGatewayStates implements Behaviour {

    static final String PENDING = "pending";
    static final String DELETING = "deleting";

    private static final Duration CREATE = Duration.ofMinutes(2);
    private static final Duration DELETE = Duration.ofMinutes(1);

    private final Timeline timeline;
    /** The subnet of each gateway, by id. */
    private final Map<String, String> subnets = new ConcurrentHashMap<>();

    NatGatewayStates(AwsTime time) {
        this.timeline = new Timeline(time);
    }

    @Override
    public String name() {
        return "nat-gateway-states";
    }

    @Override
    public Optional<AwsError> before(AwsCall call) {
        if (!call.is("ec2", "DeleteSubnet")) {
            return Optional.empty();
        }
        String subnet = call.param("SubnetId");
        return subnets.entrySet().stream()
                .filter(e -> e.getValue().equals(subnet) && timeline.isIn(e.getKey(), DELETING))
                .findFirst()
                .map(e -> AwsError.client(
                        "DependencyViolation", "The subnet '" + subnet + "' has dependencies and cannot be deleted."));
    }

    @Override
    public AwsAnswer after(AwsCall call, AwsAnswer answer) {
        if (!call.service().equals("ec2") || !answer.ok()) {
            return answer;
        }
        switch (call.action()) {
            case "CreateNatGateway" -> started(answer, call.param("SubnetId"));
            case "DeleteNatGateway" -> timeline.start(call.param("NatGatewayId"), new Phase(DELETING, DELETE));
            case "DescribeNatGateways" -> {}
            default -> {
                return answer;
            }
        }
        XmlAnswer xml = XmlAnswer.of(answer);
        xml.forEachItem(
                "natGatewayId",
                (id, item) -> timeline.stateOf(id).ifPresent(state -> XmlAnswer.set(item, "state", state)));
        return answer.withText(xml.text());
    }

    private void started(AwsAnswer answer, String subnet) {
        XmlAnswer.of(answer).forEachItem("natGatewayId", (id, item) -> {
            timeline.start(id, new Phase(PENDING, CREATE));
            subnets.put(id, subnet);
        });
    }

    @Override
    public void reset() {
        timeline.reset();
        subnets.clear();
    }
}
