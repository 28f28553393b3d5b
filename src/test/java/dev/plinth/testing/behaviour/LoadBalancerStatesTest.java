package dev.plinth.testing.behaviour;

import static dev.plinth.testing.behaviour.Answers.ok;
import static dev.plinth.testing.behaviour.Answers.query;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoadBalancerStatesTest {

    private static final String ARN = "arn:aws:elasticloadbalancing:eu-central-1:123456789012:loadbalancer/app/web/1";

    private static String answer(String action, String state) {
        return "<" + action + "Response xmlns=\"http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/\"><" + action
                + "Result><LoadBalancers><member><LoadBalancerArn>" + ARN + "</LoadBalancerArn><State><Code>" + state
                + "</Code></State></member></LoadBalancers></" + action + "Result></" + action + "Response>";
    }

    @Test
    void aNewLoadBalancerIsProvisioningWhereTheEmulatorHasItActive() {
        var aws = new LoadBalancerStates(AwsTime.scaled(1));
        assertThat(aws.after(
                                query("elasticloadbalancing", "CreateLoadBalancer", "Name=web"),
                                ok(answer("CreateLoadBalancer", "provisioning")))
                        .text())
                .contains("<Code>provisioning</Code>");

        assertThat(aws.after(
                                query(
                                        "elasticloadbalancing",
                                        "DescribeLoadBalancers",
                                        "LoadBalancerArns.member.1=" + ARN),
                                ok(answer("DescribeLoadBalancers", "active")))
                        .text())
                .contains("<Code>provisioning</Code>");
    }

    @Test
    void onceItsTimeHasPassedItIsActive() {
        var aws = new LoadBalancerStates(AwsTime.scaled(0));
        aws.after(
                query("elasticloadbalancing", "CreateLoadBalancer", "Name=web"),
                ok(answer("CreateLoadBalancer", "provisioning")));
        assertThat(aws.after(
                                query("elasticloadbalancing", "DescribeLoadBalancers", ""),
                                ok(answer("DescribeLoadBalancers", "active")))
                        .text())
                .contains("<Code>active</Code>");
    }
}
