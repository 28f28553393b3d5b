package dev.plinth.testing.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** 2026-12-07 is a Monday. */
class ScheduledScalingTest {

    private static final String TARGET = """
            "ServiceNamespace": "ecs", "ResourceId": "service/web/app", "ScalableDimension": "ecs:service:DesiredCount\"""";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T17:00:00Z"));
    private final ScheduledScaling scheduled = new ScheduledScaling(clock);

    private static AwsCall call(String action, String body) {
        return new AwsCall("application-autoscaling", "eu-central-1", action, Protocol.JSON, "POST", "/", null, body);
    }

    private void send(String action, String body) {
        scheduled.after(call(action, body), new AwsAnswer(200, Map.of(), "{}".getBytes()));
    }

    /** The bounds DescribeScalableTargets answers, the emulator having kept {@code min..max}. */
    private String described(int min, int max) {
        AwsAnswer emulator = new AwsAnswer(
                200,
                Map.of(),
                ("{\"ScalableTargets\": [{" + TARGET + ", \"MinCapacity\": " + min + ", \"MaxCapacity\": " + max
                                + "}]}")
                        .getBytes());
        var target = scheduled
                .after(call("DescribeScalableTargets", "{}"), emulator)
                .json()
                .path("ScalableTargets")
                .get(0);
        return target.path("MinCapacity").asInt() + ".."
                + target.path("MaxCapacity").asInt();
    }

    private void registered(int min, int max) {
        send("RegisterScalableTarget", "{" + TARGET + ", \"MinCapacity\": " + min + ", \"MaxCapacity\": " + max + "}");
    }

    private void put(String name, String schedule, String bounds) {
        send(
                "PutScheduledAction",
                "{" + TARGET + ", \"ScheduledActionName\": \"" + name + "\", \"Schedule\": \"" + schedule
                        + "\", \"Timezone\": \"UTC\", \"ScalableTargetAction\": {" + bounds + "}}");
    }

    @Test
    void aScheduledActionSetsTheBoundsWhenItsTimeComesAndARegistrationAfterItSetsThemAgain() {
        registered(2, 6);
        put("nights", "cron(0 18 ? * MON-FRI *)", "\"MinCapacity\": 0, \"MaxCapacity\": 0");
        put("mornings", "cron(0 8 ? * MON-FRI *)", "\"MinCapacity\": 3, \"MaxCapacity\": 5");
        assertThat(described(2, 6)).as("before its time").isEqualTo("2..6");

        clock.advance(Duration.ofHours(1));
        assertThat(described(2, 6)).as("at 18:00").isEqualTo("0..0");
        clock.advance(Duration.ofHours(14));
        assertThat(described(2, 6)).as("at 08:00 the next day").isEqualTo("3..5");

        registered(4, 9);
        assertThat(described(4, 9)).as("registered after the last firing").isEqualTo("4..9");
        clock.advance(Duration.ofHours(10));
        assertThat(described(4, 9)).as("the next firing").isEqualTo("0..0");
    }

    @Test
    void anActionThatSetsOneBoundLeavesTheOtherAndOneFiredByHandActsAtOnce() {
        registered(2, 6);
        put("burst", "at(2027-01-01T00:00:00)", "\"MaxCapacity\": 10");
        assertThat(described(2, 6)).isEqualTo("2..6");

        clock.advance(Duration.ofMinutes(1));
        scheduled.fireNow("burst");
        assertThat(described(2, 6)).isEqualTo("2..10");
    }

    @Test
    void aDeletedActionOrTargetNoLongerActsAndResetForgetsEverything() {
        registered(2, 6);
        put("soon", "at(2026-12-07T17:30:00)", "\"MinCapacity\": 1, \"MaxCapacity\": 1");
        put("later", "at(2026-12-07T17:40:00)", "\"MinCapacity\": 5, \"MaxCapacity\": 5");
        send("DeleteScheduledAction", "{" + TARGET + ", \"ScheduledActionName\": \"later\"}");
        clock.advance(Duration.ofHours(1));
        assertThat(described(2, 6)).isEqualTo("1..1");

        scheduled.reset();
        assertThat(described(2, 6)).isEqualTo("2..6");
    }
}
