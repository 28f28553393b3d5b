package dev.plinth.testing.behaviour;

import static dev.plinth.testing.behaviour.Calls.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScalableTargetConcurrencyTest {

    private static final String TARGET = "\"ServiceNamespace\":\"ecs\",\"ResourceId\":\"service/shop/web\","
            + "\"ScalableDimension\":\"ecs:service:DesiredCount\"";

    private static AwsCall change(String action, String name) {
        return json("application-autoscaling", action, "{" + TARGET + ",\"PolicyName\":\"" + name + "\"}");
    }

    @Test
    void aSecondChangeToOneTargetWhileTheFirstIsPendingIsRefused() {
        var behaviour = new ScalableTargetConcurrency(Calls.REAL);
        assertThat(behaviour.before(change("RegisterScalableTarget", ""))).isEmpty();

        assertThat(behaviour.before(change("PutScalingPolicy", "cpu"))).get().satisfies(error -> {
            assertThat(error.code()).isEqualTo("ConcurrentUpdateException");
            assertThat(error.status()).isEqualTo(400);
        });
        assertThat(behaviour.before(change("DeleteScheduledAction", "night"))).isPresent();
        assertThat(behaviour.before(json("application-autoscaling", "DescribeScalingPolicies", "{" + TARGET + "}")))
                .as("reads are not changes")
                .isEmpty();
        assertThat(
                        behaviour.before(
                                json(
                                        "application-autoscaling",
                                        "PutScalingPolicy",
                                        "{\"ServiceNamespace\":\"ecs\",\"ResourceId\":\"service/shop/other\",\"ScalableDimension\":\"ecs:service:DesiredCount\"}")))
                .as("another target")
                .isEmpty();
    }

    @Test
    void aChangeIsAcceptedOnceThePreviousOneIsDone() {
        var behaviour = new ScalableTargetConcurrency(Calls.SETTLED);
        assertThat(behaviour.before(change("RegisterScalableTarget", ""))).isEmpty();

        assertThat(behaviour.before(change("PutScalingPolicy", "cpu"))).isEmpty();
    }
}
