package dev.plinth.testing.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.testing.behaviour.Timeline.Phase;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimelineTest {

    private final AwsTime time = AwsTime.scaled(1);
    private final Timeline timeline = new Timeline(time);

    private long in(Duration real) {
        return time.now() + real.toNanos();
    }

    @Test
    void aResourcePassesThroughItsStatesInOrderAndThenHasNone() {
        timeline.start(
                "db-1", new Phase("creating", Duration.ofMinutes(6)), new Phase("backing-up", Duration.ofMinutes(2)));

        assertThat(timeline.stateOf("db-1")).contains("creating");
        assertThat(timeline.stateAt("db-1", in(Duration.ofMinutes(7)))).contains("backing-up");
        assertThat(timeline.stateAt("db-1", in(Duration.ofMinutes(9))))
                .as("the emulator's state then holds")
                .isEmpty();
        assertThat(timeline.stateOf("db-2")).isEmpty();
    }

    @Test
    void aNewPassageReplacesTheOldOneAndResetForgetsAll() {
        timeline.start("db-1", new Phase("creating", Duration.ofMinutes(6)));
        timeline.start("db-1", new Phase("deleting", Duration.ofMinutes(6)));
        assertThat(timeline.isIn("db-1", "deleting")).isTrue();
        assertThat(timeline.isIn("db-1", "creating")).isFalse();

        timeline.reset();
        assertThat(timeline.stateOf("db-1")).isEmpty();
    }

    @Test
    void durationsAreScaledForTheSuite() {
        var scaled = new Timeline(AwsTime.scaled(0.002));
        scaled.start("db-1", new Phase("creating", Duration.ofMinutes(10)));
        // ten minutes of AWS last 1.2 s here
        assertThat(scaled.stateAt(
                        "db-1", System.nanoTime() + Duration.ofSeconds(2).toNanos()))
                .isEmpty();
    }
}
