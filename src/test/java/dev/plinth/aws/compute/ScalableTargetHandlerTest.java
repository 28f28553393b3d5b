package dev.plinth.aws.compute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.engine.Difference;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceKey;
import dev.plinth.engine.ResourceRecord;
import dev.plinth.engine.ResourceState;
import dev.plinth.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalableTargetsRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalableTargetsResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScheduledActionsRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScheduledActionsResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScheduledAction;

/**
 * A target with bounds 1..4 and a one-time schedule to 2..5 at noon: whether the bounds AWS shows around
 * that time are drift.
 */
class ScalableTargetHandlerTest {

    private static final Instant FIRES = Instant.parse("2026-12-08T12:00:00Z");
    private static final String RESOURCE_ID = "service/web-cluster/web-service";
    private static final ResourceKey BURST = ComputeLayer.schedule("burst");
    private static final ScalableTargetHandler.Desired DESIRED = new ScalableTargetHandler.Desired(
            ComputeLayer.CLUSTER,
            ComputeLayer.SERVICE,
            1,
            4,
            List.of(new ScalableTargetHandler.Schedule(BURST, "at(2026-12-08T12:00:00)", 2, 5)));

    private final MutableClock clock = new MutableClock(FIRES.minusMillis(300));
    private int shownMin;
    private int shownMax;
    private Duration describing = Duration.ZERO;

    private final ApplicationAutoScalingClient autoscaling = new ApplicationAutoScalingClient() {
        @Override
        public DescribeScalableTargetsResponse describeScalableTargets(DescribeScalableTargetsRequest request) {
            clock.advance(describing);
            return DescribeScalableTargetsResponse.builder()
                    .scalableTargets(ScalableTarget.builder()
                            .resourceId(RESOURCE_ID)
                            .minCapacity(shownMin)
                            .maxCapacity(shownMax)
                            .build())
                    .build();
        }

        @Override
        public DescribeScheduledActionsResponse describeScheduledActions(DescribeScheduledActionsRequest request) {
            return DescribeScheduledActionsResponse.builder()
                    .scheduledActions(ScheduledAction.builder()
                            .scheduledActionName(context().nameOf(BURST))
                            .resourceId(RESOURCE_ID)
                            .creationTime(FIRES.minus(Duration.ofMinutes(10)))
                            .build())
                    .build();
        }

        @Override
        public String serviceName() {
            return "application-autoscaling";
        }

        @Override
        public void close() {}
    };

    private final ScalableTargetHandler handler = new ScalableTargetHandler(region -> autoscaling, clock);

    private static ResourceContext context() {
        return ResourceContext.of(
                "env-1",
                "web",
                "eu-central-1",
                ComputeLayer.SCALABLE_TARGET,
                RESOURCE_ID,
                Map.of(
                        ComputeLayer.CLUSTER, named(ComputeLayer.CLUSTER, "web-cluster"),
                        ComputeLayer.SERVICE, named(ComputeLayer.SERVICE, "web-service")),
                Map.of());
    }

    private static ResourceRecord named(ResourceKey key, String name) {
        Instant now = Instant.now();
        return new ResourceRecord(
                "env-1",
                key,
                "kind",
                ResourceState.READY,
                name,
                0,
                null,
                null,
                Map.of(ComputeLayer.NAME, name),
                null,
                now,
                now,
                null);
    }

    private List<String> drift(int min, int max) {
        shownMin = min;
        shownMax = max;
        return handler.observe(context(), DESIRED).orElseThrow().differences().stream()
                .map(Difference::toString)
                .toList();
    }

    /** The failure this was written for: a drift check whose describe call straddled the firing. */
    @Test
    void aTargetDescribedJustBeforeTheScheduleFiredIsNotDrift() {
        describing = Duration.ofMillis(600);

        assertThat(drift(1, 4)).isEmpty();
    }

    @Test
    void aTargetTheScheduleHasNotActedOnAMinuteAfterItsTimeIsNotDriftYet() {
        clock.advance(Duration.ofMinutes(1));

        assertThat(drift(1, 4)).isEmpty();
        assertThat(drift(2, 5)).isEmpty();
    }

    @Test
    void aTargetTheScheduleHasNotActedOnLongAfterItsTimeIsDriftFromTheSchedulesBounds() {
        clock.advance(ScalableTargetHandler.LATE.plusSeconds(1));

        assertThat(drift(1, 4)).containsExactly("minCapacity 1 -> 2", "maxCapacity 4 -> 5");
        assertThat(drift(2, 5)).isEmpty();
    }

    @Test
    void boundsNeitherTheSpecNorTheScheduleSetAreDriftEvenJustAfterTheFiring() {
        describing = Duration.ofMillis(600);

        assertThat(drift(3, 7)).containsExactly("minCapacity 3 -> 2", "maxCapacity 7 -> 5");
    }

    @Test
    void beforeItsTimeOnlyTheSpecsBoundsAreRight() {
        clock.advance(Duration.ofMinutes(-5));

        assertThat(drift(1, 4)).isEmpty();
        assertThat(drift(2, 5)).containsExactly("minCapacity 2 -> 1", "maxCapacity 5 -> 4");
    }
}
