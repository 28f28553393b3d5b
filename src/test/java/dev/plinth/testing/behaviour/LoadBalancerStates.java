package dev.plinth.testing.behaviour;

import dev.plinth.testing.behaviour.Timeline.Phase;
import java.time.Duration;

/**
 * An Application Load Balancer is {@code provisioning} for a few minutes after CreateLoadBalancer before
 * it is {@code active}; the emulator turns it active at the next read. Source: the ELB API reference,
 * LoadBalancerState (active, provisioning, active_impaired, failed), and terraform-provider-aws
 * internal/service/elbv2/load_balancer.go, which waits up to 10 minutes for provisioning to become active.
 */
final class LoadBalancerStates implements Behaviour {

    static final String PROVISIONING = "provisioning";

    private static final Duration PROVISION = Duration.ofMinutes(3);

    private final Timeline timeline;

    LoadBalancerStates(AwsTime time) {
        this.timeline = new Timeline(time);
    }

    @Override
    public String name() {
        return "load-balancer-states";
    }

    @Override
    public AwsAnswer after(AwsCall call, AwsAnswer answer) {
        boolean create = call.is("elasticloadbalancing", "CreateLoadBalancer");
        if (!answer.ok() || !create && !call.is("elasticloadbalancing", "DescribeLoadBalancers")) {
            return answer;
        }
        XmlAnswer xml = XmlAnswer.of(answer);
        xml.forEachItem("LoadBalancerArn", (arn, item) -> {
            if (create) {
                timeline.start(arn, new Phase(PROVISIONING, PROVISION));
            }
            timeline.stateOf(arn).ifPresent(state -> XmlAnswer.set(item, "State/Code", state));
        });
        return answer.withText(xml.text());
    }

    @Override
    public void reset() {
        timeline.reset();
    }
}
