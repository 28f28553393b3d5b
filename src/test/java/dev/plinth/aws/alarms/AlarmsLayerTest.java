package dev.plinth.aws.alarms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.aws.alarms.AlarmHandler.Desired;
import dev.plinth.aws.alarms.AlarmHandler.MetricDimension;
import dev.plinth.aws.compute.ComputeLayer;
import dev.plinth.aws.database.DataLayer;
import dev.plinth.aws.loadbalancer.LoadBalancerLayer;
import dev.plinth.engine.Layer;
import dev.plinth.engine.ResourceKey;
import dev.plinth.engine.ResourceNode;
import dev.plinth.spec.AlarmsSpec;
import dev.plinth.spec.DatabaseEngine;
import dev.plinth.spec.DatabaseSpec;
import dev.plinth.spec.EnvironmentSpec;
import dev.plinth.spec.NatGatewayMode;
import dev.plinth.spec.NetworkSpec;
import dev.plinth.spec.ServiceSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AlarmsLayerTest {

    private static final List<String> ZONES = List.of("eu-central-1a", "eu-central-1b");
    private static final ServiceSpec SERVICE = new ServiceSpec(
            null, "public.ecr.aws/nginx/nginx:stable", null, null, null, null, "/health", null, null, null);

    private static EnvironmentSpec spec(String name, DatabaseSpec database, ServiceSpec service, AlarmsSpec alarms) {
        return new EnvironmentSpec(
                        name,
                        "eu-central-1",
                        null,
                        Map.of(),
                        new NetworkSpec("10.64.0.0/16", 2, NatGatewayMode.SINGLE),
                        database,
                        null,
                        service,
                        null,
                        alarms)
                .withDefaults();
    }

    private static EnvironmentSpec spec(DatabaseSpec database) {
        return spec("watched", database, SERVICE, new AlarmsSpec(true));
    }

    private static DatabaseSpec database(DatabaseEngine engine, Integer storageGb) {
        return new DatabaseSpec(null, engine, null, storageGb, null, false, null, null, null, null, null);
    }

    private static Map<String, Desired> bySuffix(List<ResourceNode> nodes) {
        return nodes.stream()
                .map(n -> (Desired) n.desired())
                .collect(java.util.stream.Collectors.toMap(Desired::suffix, d -> d));
    }

    /** suffix, namespace, metric, statistic, comparison, threshold, dimension names */
    static Stream<Arguments> theAlarms() {
        return Stream.of(
                Arguments.of(
                        "3xx-count-high",
                        "AWS/ApplicationELB",
                        "HTTPCode_Target_3XX_Count",
                        "Sum",
                        "GreaterThanThreshold",
                        25.0,
                        List.of("LoadBalancer", "TargetGroup")),
                Arguments.of(
                        "4xx-count-high",
                        "AWS/ApplicationELB",
                        "HTTPCode_Target_4XX_Count",
                        "Sum",
                        "GreaterThanThreshold",
                        25.0,
                        List.of("LoadBalancer", "TargetGroup")),
                Arguments.of(
                        "5xx-count-high",
                        "AWS/ApplicationELB",
                        "HTTPCode_Target_5XX_Count",
                        "Sum",
                        "GreaterThanThreshold",
                        25.0,
                        List.of("LoadBalancer", "TargetGroup")),
                Arguments.of(
                        "elb-5xx-count-high",
                        "AWS/ApplicationELB",
                        "HTTPCode_ELB_5XX_Count",
                        "Sum",
                        "GreaterThanThreshold",
                        25.0,
                        List.of("LoadBalancer")),
                Arguments.of(
                        "target-response-high",
                        "AWS/ApplicationELB",
                        "TargetResponseTime",
                        "Average",
                        "GreaterThanThreshold",
                        0.5,
                        List.of("LoadBalancer", "TargetGroup")),
                Arguments.of(
                        "cpu-utilization-high",
                        "AWS/ECS",
                        "CPUUtilization",
                        "Average",
                        "GreaterThanThreshold",
                        80.0,
                        List.of("ClusterName", "ServiceName")),
                Arguments.of(
                        "cpu-utilization-low",
                        "AWS/ECS",
                        "CPUUtilization",
                        "Average",
                        "LessThanThreshold",
                        20.0,
                        List.of("ClusterName", "ServiceName")),
                Arguments.of(
                        "memory-utilization-high",
                        "AWS/ECS",
                        "MemoryUtilization",
                        "Average",
                        "GreaterThanThreshold",
                        80.0,
                        List.of("ClusterName", "ServiceName")),
                Arguments.of(
                        "memory-utilization-low",
                        "AWS/ECS",
                        "MemoryUtilization",
                        "Average",
                        "LessThanThreshold",
                        20.0,
                        List.of("ClusterName", "ServiceName")),
                Arguments.of(
                        "database-cpu-high",
                        "AWS/RDS",
                        "CPUUtilization",
                        "Average",
                        "GreaterThanThreshold",
                        80.0,
                        List.of("DBInstanceIdentifier")),
                Arguments.of(
                        "database-free-storage-low",
                        "AWS/RDS",
                        "FreeStorageSpace",
                        "Average",
                        "LessThanThreshold",
                        2_147_483_648.0,
                        List.of("DBInstanceIdentifier")));
    }

    @ParameterizedTest(name = "{0}: {2} {3} {4} {5}")
    @MethodSource("theAlarms")
    void eachAlarmWatchesItsMetric(
            String suffix,
            String namespace,
            String metric,
            String statistic,
            String comparison,
            double threshold,
            List<String> dimensions) {
        List<ResourceNode> nodes = AlarmsLayer.nodes(spec(database(DatabaseEngine.POSTGRES, 20)), ZONES);
        ResourceNode node = nodes.stream()
                .filter(n -> n.key().equals(AlarmsLayer.alarm(suffix)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no alarm " + suffix));
        Desired alarm = (Desired) node.desired();

        assertThat(node.layer()).isEqualTo(Layer.ALARMS);
        assertThat(alarm.suffix()).isEqualTo(suffix);
        assertThat(alarm.namespace()).isEqualTo(namespace);
        assertThat(alarm.metric()).isEqualTo(metric);
        assertThat(alarm.statistic().toString()).isEqualTo(statistic);
        assertThat(alarm.comparison().toString()).isEqualTo(comparison);
        assertThat(alarm.threshold()).isEqualTo(threshold);
        assertThat(alarm.dimensions()).extracting(MetricDimension::name).containsExactlyElementsOf(dimensions);
        assertThat(node.dependsOn())
                .as("the resources whose attributes give the dimension values")
                .containsExactlyInAnyOrderElementsOf(
                        alarm.dimensions().stream().map(MetricDimension::source).toList());
        assertThat(node.needsOnly())
                .as("each only for the value it publishes, ready or not")
                .isEqualTo(alarm.dimensions().stream()
                        .collect(Collectors.toMap(MetricDimension::source, MetricDimension::attribute)));
    }

    /** dimension name, the resource that publishes its value, the attribute */
    static Stream<Arguments> theDimensions() {
        return Stream.of(
                Arguments.of("LoadBalancer", LoadBalancerLayer.LOAD_BALANCER, LoadBalancerLayer.METRIC_DIMENSION),
                Arguments.of("TargetGroup", LoadBalancerLayer.TARGET_GROUP, LoadBalancerLayer.METRIC_DIMENSION),
                Arguments.of("ClusterName", ComputeLayer.CLUSTER, ComputeLayer.NAME),
                Arguments.of("ServiceName", ComputeLayer.SERVICE, ComputeLayer.NAME),
                Arguments.of("DBInstanceIdentifier", DataLayer.INSTANCE, DataLayer.IDENTIFIER));
    }

    @ParameterizedTest(name = "{0} from {2} of {1}")
    @MethodSource("theDimensions")
    void eachDimensionTakesItsValueFromTheResourceThatPublishesIt(String name, ResourceKey source, String attribute) {
        List<MetricDimension> used = AlarmsLayer.nodes(spec(database(DatabaseEngine.MYSQL, null)), ZONES).stream()
                .flatMap(n -> ((Desired) n.desired()).dimensions().stream())
                .filter(d -> d.name().equals(name))
                .distinct()
                .toList();

        assertThat(used).containsExactly(new MetricDimension(name, source, attribute));
    }

    @Test
    void aServiceWithDynamoDbHasTheNineAlarmsOfTheReferenceStack() {
        List<ResourceNode> nodes = AlarmsLayer.nodes(spec(database(DatabaseEngine.DYNAMODB, null)), ZONES);

        assertThat(nodes)
                .extracting(n -> n.key().value())
                .containsExactly(
                        "alarm/3xx-count-high",
                        "alarm/4xx-count-high",
                        "alarm/5xx-count-high",
                        "alarm/elb-5xx-count-high",
                        "alarm/target-response-high",
                        "alarm/cpu-utilization-high",
                        "alarm/cpu-utilization-low",
                        "alarm/memory-utilization-high",
                        "alarm/memory-utilization-low");
        assertThat(nodes).flatExtracting(ResourceNode::dependsOn).doesNotContain(DataLayer.INSTANCE, DataLayer.TABLE);
    }

    @Test
    void aServiceWithoutADatabaseHasTheNineToo() {
        assertThat(AlarmsLayer.nodes(spec(null), ZONES)).hasSize(9);
    }

    @Test
    void aRelationalDatabaseAddsItsCpuAndFreeStorage() {
        List<ResourceNode> nodes = AlarmsLayer.nodes(spec(database(DatabaseEngine.POSTGRES, null)), ZONES);

        assertThat(nodes).hasSize(11);
        assertThat(nodes)
                .extracting(ResourceNode::key)
                .contains(AlarmsLayer.alarm("database-cpu-high"), AlarmsLayer.alarm("database-free-storage-low"));
        assertThat(nodes)
                .filteredOn(n -> n.key().value().startsWith("alarm/database-"))
                .allSatisfy(n -> assertThat(n.dependsOn()).containsExactly(DataLayer.INSTANCE));
    }

    /** allocated GiB, threshold in bytes (10 % of it) */
    static Stream<Arguments> freeStorage() {
        return Stream.of(
                Arguments.of(20, 2_147_483_648.0),
                Arguments.of(30, 3_221_225_472.0),
                Arguments.of(21, 2_254_857_830.4),
                Arguments.of(65536, 7_036_874_417_766.4));
    }

    @ParameterizedTest(name = "{0} GiB: below {1} bytes")
    @MethodSource("freeStorage")
    void freeStorageIsLowBelowATenthOfTheAllocatedStorage(int storageGb, double bytes) {
        Desired alarm = bySuffix(AlarmsLayer.nodes(spec(database(DatabaseEngine.POSTGRES, storageGb)), ZONES))
                .get("database-free-storage-low");

        assertThat(alarm.threshold()).isEqualTo(bytes);
    }

    @Test
    void nothingWithoutAnAlarmsSection() {
        assertThat(AlarmsLayer.nodes(spec("watched", database(DatabaseEngine.POSTGRES, null), SERVICE, null), ZONES))
                .isEmpty();
        assertThat(AlarmsLayer.nodes(spec("watched", null, SERVICE, new AlarmsSpec(false)), ZONES))
                .isEmpty();
    }

    @Test
    void nothingWithoutAService() {
        assertThat(AlarmsLayer.nodes(spec("watched", null, null, new AlarmsSpec(true)), ZONES))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "a-forty-character-environment-name-xxxxx"})
    void namesAreTheEnvironmentNameAndTheSuffixWithinCloudWatchsLimit(String environment) {
        for (ResourceNode node : AlarmsLayer.nodes(
                spec(environment, database(DatabaseEngine.POSTGRES, null), SERVICE, new AlarmsSpec(null)), ZONES)) {
            String suffix = ((Desired) node.desired()).suffix();
            assertThat(node.key()).isEqualTo(AlarmsLayer.alarm(suffix));
            assertThat(AlarmsLayer.alarmName(environment, suffix))
                    .isEqualTo(environment + "-" + suffix)
                    .hasSizeLessThanOrEqualTo(255);
        }
        assertThatThrownBy(() -> AlarmsLayer.alarmName("x".repeat(250), "cpu-utilization-high"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyAlarmIsDistinctAndDescribedForPeople() {
        List<Desired> alarms = AlarmsLayer.alarms(spec(database(DatabaseEngine.POSTGRES, 20)));

        assertThat(alarms).extracting(Desired::suffix).doesNotHaveDuplicates();
        assertThat(alarms)
                .extracting(Desired::description)
                .contains(
                        "HTTPCode_Target_3XX_Count Sum > 25 for 1 datapoint within 5 minutes",
                        "TargetResponseTime Average > 0.5 for 1 datapoint within 5 minutes",
                        "MemoryUtilization Average < 20 for 1 datapoint within 5 minutes",
                        "FreeStorageSpace Average < 2147483648 for 1 datapoint within 5 minutes");
        assertThat(alarms)
                .allSatisfy(a -> assertThat(Set.copyOf(a.dimensions())).hasSameSizeAs(a.dimensions()));
    }
}
