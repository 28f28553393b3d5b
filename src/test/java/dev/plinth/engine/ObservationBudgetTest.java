package dev.plinth.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How periodic drift checks are spaced per AWS service. */
class ObservationBudgetTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void checksOfOneServiceAreSpacedSoThatItsRateHoldsOnAverage() {
        var budget = new ObservationBudget(10);

        Instant first = budget.reserve(Map.of("EC2", 20), T0);
        Instant second = budget.reserve(Map.of("EC2", 20), T0);
        Instant third = budget.reserve(Map.of("EC2", 5), T0.plusSeconds(1));

        assertThat(first).isEqualTo(T0);
        assertThat(second).as("20 observations at 10 a second take 2 s").isEqualTo(T0.plusSeconds(2));
        assertThat(third).isEqualTo(T0.plusSeconds(4));
    }

    @Test
    void aCheckWaitsForTheBusiestServiceItUsesAndOtherServicesAreNotHeldBack() {
        var budget = new ObservationBudget(10);
        budget.reserve(Map.of("EC2", 30), T0);

        assertThat(budget.reserve(Map.of("ECS", 10), T0)).as("ECS has room").isEqualTo(T0);
        assertThat(budget.reserve(Map.of("EC2", 1, "ECS", 1), T0))
                .as("EC2 is free at 3 s")
                .isEqualTo(T0.plusSeconds(3));
        assertThat(budget.reserve(Map.of("ECS", 1), T0))
                .as("counted from when that check starts")
                .isEqualTo(T0.plusMillis(3100));
    }

    @Test
    void aCheckIsNeverMovedEarlierThanItsJitteredTime() {
        var budget = new ObservationBudget(10);
        budget.reserve(Map.of("EC2", 10), T0);

        assertThat(budget.reserve(Map.of("EC2", 10), T0.plusSeconds(60))).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void theServiceIsTheSecondPartOfTheKind() {
        assertThat(ObservationBudget.serviceOf("AWS::EC2::Subnet")).isEqualTo("EC2");
        assertThat(ObservationBudget.serviceOf("AWS::ElasticLoadBalancingV2::Listener"))
                .isEqualTo("ElasticLoadBalancingV2");
    }
}
