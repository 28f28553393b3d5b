package dev.plinth.testing.behaviour;

import static dev.plinth.testing.behaviour.Calls.json;
import static dev.plinth.testing.behaviour.Calls.ok;
import static dev.plinth.testing.behaviour.Calls.query;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TargetGroupAssociationLagTest {

    private static final String GROUP = "arn:aws:elasticloadbalancing:eu-central-1:123456789012:targetgroup/shop/abc";
    private static final AwsCall CREATE_LISTENER = query(
            "elasticloadbalancing",
            "CreateListener",
            "Port=80&DefaultActions.member.1.Type=forward&DefaultActions.member.1.TargetGroupArn="
                    + GROUP.replace(":", "%3A").replace("/", "%2F"));
    private static final AwsCall CREATE_SERVICE = json(
            "ecs",
            "CreateService",
            "{\"serviceName\":\"shop\",\"loadBalancers\":[{\"targetGroupArn\":\"" + GROUP
                    + "\",\"containerPort\":80}]}");

    @Test
    void aServiceOnATargetGroupJustPutBehindAListenerIsRefused() {
        var behaviour = new TargetGroupAssociationLag(Calls.REAL);
        assertThat(behaviour.before(CREATE_SERVICE)).isEmpty();

        behaviour.after(CREATE_LISTENER, ok("<CreateListenerResponse/>"));

        assertThat(behaviour.before(CREATE_SERVICE)).get().satisfies(error -> {
            assertThat(error.code()).isEqualTo("InvalidParameterException");
            assertThat(error.message())
                    .isEqualTo("The target group with targetGroupArn " + GROUP
                            + " does not have an associated load balancer.");
        });
        assertThat(behaviour.before(json("ecs", "CreateService", "{\"serviceName\":\"worker\"}")))
                .isEmpty();
    }

    @Test
    void theServiceIsAcceptedOnceTheAssociationHasPropagated() {
        var behaviour = new TargetGroupAssociationLag(Calls.SETTLED);
        behaviour.after(CREATE_LISTENER, ok("<CreateListenerResponse/>"));

        assertThat(behaviour.before(CREATE_SERVICE)).isEmpty();
    }
}
