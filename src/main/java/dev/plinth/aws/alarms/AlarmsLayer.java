package dev.plinth.aws.alarms;

import static software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator.GREATER_THAN_THRESHOLD;
import static software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator.LESS_THAN_THRESHOLD;
import static software.amazon.awssdk.services.cloudwatch.model.Statistic.AVERAGE;
import static software.amazon.awssdk.services.cloudwatch.model.Statistic.SUM;

import dev.plinth.aws.alarms.AlarmHandler.Desired;
import dev.plinth.aws.alarms.AlarmHandler.MetricDimension;
import dev.plinth.aws.compute.ComputeLayer;
import dev.plinth.aws.database.DataLayer;
import dev.plinth.aws.loadbalancer.LoadBalancerLayer;
import dev.plinth.engine.Layer;
import dev.plinth.engine.ResourceKey;
import dev.plinth.engine.ResourceNode;
import dev.plinth.spec.EnvironmentSpec;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;

/**
 * The alarms as data: the nine of the monitored-app reference stack on the load balancer, its
 * target group and the service, plus CPU and free storage of an RDS instance. Each is named
 * {@code <environment name>-<suffix>}, fires on one datapoint of five minutes, treats missing data
 * as not breaching, and depends on the resources whose attributes give its dimension values (so it
 * is made after them and deleted before them).
 */
public final class AlarmsLayer {

    /** On every alarm: its ARN. */
    public static final String ARN = "arn";

    /** CloudWatch's limit on alarm names. */
    static final int MAX_NAME_LENGTH = 255;

    static final String ELB = "AWS/ApplicationELB";
    static final String ECS = "AWS/ECS";
    static final String RDS = "AWS/RDS";

    static final MetricDimension LOAD_BALANCER =
            new MetricDimension("LoadBalancer", LoadBalancerLayer.LOAD_BALANCER, LoadBalancerLayer.METRIC_DIMENSION);
    static final MetricDimension TARGET_GROUP =
            new MetricDimension("TargetGroup", LoadBalancerLayer.TARGET_GROUP, LoadBalancerLayer.METRIC_DIMENSION);
    static final MetricDimension CLUSTER = new MetricDimension("ClusterName", ComputeLayer.CLUSTER, ComputeLayer.NAME);
    static final MetricDimension SERVICE = new MetricDimension("ServiceName", ComputeLayer.SERVICE, ComputeLayer.NAME);
    static final MetricDimension DB_INSTANCE =
            new MetricDimension("DBInstanceIdentifier", DataLayer.INSTANCE, DataLayer.IDENTIFIER);

    /** More responses of one class than this in a period is high. */
    private static final int COUNT_HIGH = 25;

    /** The alarms of every environment with a service: the monitored-app reference stack's nine. */
    static final List<Desired> SERVICE_ALARMS = List.of(
            targetCountHigh("3xx-count-high", "HTTPCode_Target_3XX_Count"),
            targetCountHigh("4xx-count-high", "HTTPCode_Target_4XX_Count"),
            targetCountHigh("5xx-count-high", "HTTPCode_Target_5XX_Count"),
            new Desired(
                    "elb-5xx-count-high",
                    ELB,
                    "HTTPCode_ELB_5XX_Count",
                    SUM,
                    GREATER_THAN_THRESHOLD,
                    COUNT_HIGH,
                    List.of(LOAD_BALANCER)),
            new Desired(
                    "target-response-high",
                    ELB,
                    "TargetResponseTime",
                    AVERAGE,
                    GREATER_THAN_THRESHOLD,
                    0.5,
                    List.of(LOAD_BALANCER, TARGET_GROUP)),
            serviceAverage("cpu-utilization-high", "CPUUtilization", GREATER_THAN_THRESHOLD, 80),
            serviceAverage("cpu-utilization-low", "CPUUtilization", LESS_THAN_THRESHOLD, 20),
            serviceAverage("memory-utilization-high", "MemoryUtilization", GREATER_THAN_THRESHOLD, 80),
            serviceAverage("memory-utilization-low", "MemoryUtilization", LESS_THAN_THRESHOLD, 20));

    /** The database instance's CPU, high. */
    static final Desired DATABASE_CPU_HIGH = new Desired(
            "database-cpu-high", RDS, "CPUUtilization", AVERAGE, GREATER_THAN_THRESHOLD, 80, List.of(DB_INSTANCE));

    /** Free storage is low below this percentage of the allocated storage. */
    static final int FREE_STORAGE_LOW_PERCENT = 10;

    private static final long BYTES_PER_GIB = 1024L * 1024 * 1024;

    private AlarmsLayer() {}

    public static ResourceKey alarm(String name) {
        return ResourceKey.of("alarm", name);
    }

    /** The CloudWatch name of an environment's alarm: {@code <environment name>-<suffix>}. */
    public static String alarmName(String environmentName, String suffix) {
        String name = environmentName + "-" + suffix;
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("alarm name longer than " + MAX_NAME_LENGTH + " characters: " + name);
        }
        return name;
    }

    /**
     * The alarms; none without an alarms section (which exists only with a service). Each is put as soon as
     * its sources publish the values of its dimensions (names and ARN parts, known from their create calls
     * on): PutMetricAlarm takes a metric that has no data yet (API reference, PutMetricAlarm), so an alarm
     * waits for no load balancer to be active, no task to run and no database to be available.
     */
    public static List<ResourceNode> nodes(EnvironmentSpec spec, List<String> zones) {
        if (!spec.hasAlarms() || !spec.hasService()) {
            return List.of();
        }
        return alarms(spec).stream()
                .map(a -> new ResourceNode(alarm(a.suffix()), Layer.ALARMS, a, a.sources(), a.dimensionValues()))
                .toList();
    }

    /** The definitions of a spec's alarms (with its defaults applied). */
    static List<Desired> alarms(EnvironmentSpec spec) {
        var alarms = new ArrayList<>(SERVICE_ALARMS);
        if (spec.hasRelationalDatabase()) {
            alarms.add(DATABASE_CPU_HIGH);
            alarms.add(freeStorageLow(spec.database().storageGb()));
        }
        return alarms;
    }

    /** The database instance's free storage below 10 % of its allocated storage, in bytes as the metric counts. */
    static Desired freeStorageLow(int storageGb) {
        return new Desired(
                "database-free-storage-low",
                RDS,
                "FreeStorageSpace",
                AVERAGE,
                LESS_THAN_THRESHOLD,
                storageGb * BYTES_PER_GIB * FREE_STORAGE_LOW_PERCENT / 100.0,
                List.of(DB_INSTANCE));
    }

    /** A count of the target group's responses, summed over the period, high above {@link #COUNT_HIGH}. */
    private static Desired targetCountHigh(String suffix, String metric) {
        return new Desired(
                suffix, ELB, metric, SUM, GREATER_THAN_THRESHOLD, COUNT_HIGH, List.of(LOAD_BALANCER, TARGET_GROUP));
    }

    /** An ECS utilisation of the service, averaged over the period, compared with {@code threshold}. */
    private static Desired serviceAverage(
            String suffix, String metric, ComparisonOperator comparison, double threshold) {
        return new Desired(suffix, ECS, metric, AVERAGE, comparison, threshold, List.of(CLUSTER, SERVICE));
    }
}
