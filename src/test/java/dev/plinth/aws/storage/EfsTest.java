package dev.plinth.aws.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.engine.Observation;
import dev.plinth.engine.Readiness;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.efs.model.LifeCycleState;

class EfsTest {

    private static final Duration POLL = Duration.ofSeconds(5);

    static Stream<Arguments> states() {
        return Stream.of(
                Arguments.of(LifeCycleState.AVAILABLE, Readiness.READY, false),
                Arguments.of(LifeCycleState.CREATING, Readiness.pending("creating", POLL), false),
                Arguments.of(LifeCycleState.UPDATING, Readiness.pending("updating", POLL), false),
                Arguments.of(LifeCycleState.DELETING, Readiness.pending("deleting", POLL), true),
                Arguments.of(LifeCycleState.ERROR, Readiness.failed("fs-1 is in state error"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("states")
    void theLifecycleStateDecidesReadinessAndWhetherADeleteIsUnderWay(
            LifeCycleState state, Readiness readiness, boolean deleting) {
        Readiness read = Efs.readiness(state, state.toString(), "fs-1", POLL);

        assertThat(read).isEqualTo(readiness);
        assertThat(Efs.exists(state)).as("still present").isTrue();
        assertThat(Efs.deleting(Observation.of("fs-1", read))).isEqualTo(deleting);
    }

    @Test
    void onlyDeletedCountsAsGone() {
        assertThat(Efs.exists(LifeCycleState.DELETED)).isFalse();
    }
}
