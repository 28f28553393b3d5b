package dev.plinth.aws.alarms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.aws.alarms.AlarmHandler.Desired;
import dev.plinth.engine.Difference;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/** What {@code observe} counts as a difference between an alarm as AWS has it and as desired. */
class AlarmHandlerTest {

    private static final Desired TARGET_3XX = AlarmsLayer.SERVICE_ALARMS.getFirst();
    private static final Set<String> DIMENSIONS = Set.of(
            "LoadBalancer=app/watched-abc123/50dc6c495c0c9188",
            "TargetGroup=targetgroup/watched-abc123-tg/73e2d6bc24d8a067");

    /** The alarm exactly as the handler puts it. */
    private static MetricAlarm.Builder asPut() {
        return MetricAlarm.builder()
                .alarmName("watched-3xx-count-high")
                .namespace("AWS/ApplicationELB")
                .metricName("HTTPCode_Target_3XX_Count")
                .statistic(Statistic.SUM)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .threshold(25.0)
                .period(300)
                .evaluationPeriods(1)
                .datapointsToAlarm(1)
                .treatMissingData("notBreaching")
                // NOTE: AWS answers the dimensions in its own order
                .dimensions(
                        dimension("TargetGroup", "targetgroup/watched-abc123-tg/73e2d6bc24d8a067"),
                        dimension("LoadBalancer", "app/watched-abc123/50dc6c495c0c9188"));
    }

    private static Dimension dimension(String name, String value) {
        return Dimension.builder().name(name).value(value).build();
    }

    @Test
    void anAlarmAsPutHasNoDifferences() {
        assertThat(AlarmHandler.differences(TARGET_3XX, DIMENSIONS, asPut().build()))
                .isEmpty();
    }

    static Stream<Arguments> changedOutOfBand() {
        return Stream.of(
                changed("namespace", b -> b.namespace("AWS/ELB"), "AWS/ApplicationELB", "AWS/ELB"),
                changed(
                        "metricName",
                        b -> b.metricName("HTTPCode_Target_2XX_Count"),
                        "HTTPCode_Target_3XX_Count",
                        "HTTPCode_Target_2XX_Count"),
                changed("statistic", b -> b.statistic(Statistic.MAXIMUM), "Sum", "Maximum"),
                changed("statistic", b -> b.statistic((Statistic) null).extendedStatistic("p99"), "Sum", null),
                changed(
                        "comparisonOperator",
                        b -> b.comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD),
                        "GreaterThanThreshold",
                        "GreaterThanOrEqualToThreshold"),
                changed("threshold", b -> b.threshold(50.0), "25", "50"),
                changed("threshold", b -> b.threshold(25.000001), "25", "25.000001"),
                changed("period", b -> b.period(60), "300", "60"),
                changed("evaluationPeriods", b -> b.evaluationPeriods(3), "1", "3"),
                changed("datapointsToAlarm", b -> b.datapointsToAlarm(null), "1", null),
                changed("treatMissingData", b -> b.treatMissingData("breaching"), "notBreaching", "breaching"),
                changed(
                        "dimensions",
                        b -> b.dimensions(dimension("LoadBalancer", "app/watched-abc123/50dc6c495c0c9188")),
                        DIMENSIONS.stream().sorted().toList().toString(),
                        "[LoadBalancer=app/watched-abc123/50dc6c495c0c9188]"),
                changed(
                        "dimensions",
                        b -> b.dimensions(
                                dimension("LoadBalancer", "app/other/1"),
                                dimension("TargetGroup", "targetgroup/watched-abc123-tg/73e2d6bc24d8a067")),
                        DIMENSIONS.stream().sorted().toList().toString(),
                        "[LoadBalancer=app/other/1, TargetGroup=targetgroup/watched-abc123-tg/73e2d6bc24d8a067]"));
    }

    private static Arguments changed(
            String attribute, UnaryOperator<MetricAlarm.Builder> change, String expected, String actual) {
        return Arguments.of(attribute, change, new Difference(attribute, expected, actual));
    }

    @ParameterizedTest(name = "{0} changed: {2}")
    @MethodSource("changedOutOfBand")
    void aSettingChangedOutOfBandIsADifference(
            String attribute, UnaryOperator<MetricAlarm.Builder> change, Difference expected) {
        List<Difference> differences = AlarmHandler.differences(
                TARGET_3XX, DIMENSIONS, change.apply(asPut()).build());

        assertThat(differences).containsExactly(expected);
    }

    @Test
    void numbersReadAsPeopleWriteThem() {
        assertThat(AlarmHandler.number(25.0)).isEqualTo("25");
        assertThat(AlarmHandler.number(0.5)).isEqualTo("0.5");
        assertThat(AlarmHandler.number(2_147_483_648.0)).isEqualTo("2147483648");
        assertThat(AlarmHandler.number(2_254_857_830.4)).isEqualTo("2254857830.4");
    }
}
