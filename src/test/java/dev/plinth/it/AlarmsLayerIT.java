package dev.plinth.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.engine.Tags;
import dev.plinth.testing.EndToEndTest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.cloudwatch.model.Tag;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import tools.jackson.databind.JsonNode;

/**
 * The alarms of the monitored-app reference stack (and the database's two), made on the real load
 * balancer, target group, service and DB instance, read back with the SDK, and torn down.
 */
class AlarmsLayerIT extends EndToEndTest {

    private static final String REGION = "eu-central-1";
    private static final String MONITORED_APP = """
            {"name":"watched","region":"eu-central-1",
             "network":{"cidr":"10.64.0.0/16","availabilityZones":2,"natGateways":"single"},
             "database":{"engine":"dynamodb"},
             "service":{"image":"public.ecr.aws/nginx/nginx:stable","healthCheckPath":"/health"},
             "alarms":{"enabled":true}}""";
    private static final String WITH_POSTGRES = """
            {"name":"watched-pg","region":"eu-central-1",
             "network":{"cidr":"10.65.0.0/16","availabilityZones":2,"natGateways":"single"},
             "database":{"engine":"postgres","proxy":false},
             "service":{"image":"public.ecr.aws/nginx/nginx:stable","healthCheckPath":"/health"},
             "alarms":{"enabled":true}}""";
    private static final String FROM_PRESET = """
            {"name":"watched-preset","region":"eu-central-1","preset":"monitored-app",
             "service":{"image":"public.ecr.aws/nginx/nginx:stable"}}""";

    private static final long GIB = 1024L * 1024 * 1024;

    /** The nine: suffix → namespace, metric, statistic, comparison, threshold, dimension names. */
    private static final Map<String, String> NINE = Map.of(
            "3xx-count-high",
                    "AWS/ApplicationELB HTTPCode_Target_3XX_Count Sum GreaterThanThreshold 25.0 [LoadBalancer, TargetGroup]",
            "4xx-count-high",
                    "AWS/ApplicationELB HTTPCode_Target_4XX_Count Sum GreaterThanThreshold 25.0 [LoadBalancer, TargetGroup]",
            "5xx-count-high",
                    "AWS/ApplicationELB HTTPCode_Target_5XX_Count Sum GreaterThanThreshold 25.0 [LoadBalancer, TargetGroup]",
            "elb-5xx-count-high",
                    "AWS/ApplicationELB HTTPCode_ELB_5XX_Count Sum GreaterThanThreshold 25.0 [LoadBalancer]",
            "target-response-high",
                    "AWS/ApplicationELB TargetResponseTime Average GreaterThanThreshold 0.5 [LoadBalancer, TargetGroup]",
            "cpu-utilization-high",
                    "AWS/ECS CPUUtilization Average GreaterThanThreshold 80.0 [ClusterName, ServiceName]",
            "cpu-utilization-low", "AWS/ECS CPUUtilization Average LessThanThreshold 20.0 [ClusterName, ServiceName]",
            "memory-utilization-high",
                    "AWS/ECS MemoryUtilization Average GreaterThanThreshold 80.0 [ClusterName, ServiceName]",
            "memory-utilization-low",
                    "AWS/ECS MemoryUtilization Average LessThanThreshold 20.0 [ClusterName, ServiceName]");

    private final CloudWatchClient cloudWatch = emulated(CloudWatchClient.builder(), REGION);
    private final ElasticLoadBalancingV2Client elb = emulated(ElasticLoadBalancingV2Client.builder(), REGION);
    private final EcsClient ecs = emulated(EcsClient.builder(), REGION);
    private final RdsClient rds = emulated(RdsClient.builder(), REGION);

    @AfterEach
    void closeClients() {
        cloudWatch.close();
        elb.close();
        ecs.close();
        rds.close();
    }

    @Test
    void theNineAlarmsWatchTheRealLoadBalancerAndServiceAndGoWithTheEnvironment() {
        String id = api.create(MONITORED_APP);

        JsonNode env = api.await(id, CONVERGE, "READY", "FAILED");
        assertThat(env.path("status").asString()).as(env.toString()).isEqualTo("READY");
        Map<String, String> ids = alarmRecords(id);
        assertThat(ids)
                .containsOnlyKeys(NINE.keySet().stream().map(s -> "alarm/" + s).toList());
        ids.forEach(
                (key, physicalId) -> assertThat(physicalId).isEqualTo("watched-" + key.substring("alarm/".length())));

        Map<String, MetricAlarm> alarms = alarmsNamed("watched-");
        assertThat(alarms).hasSize(9);
        Dimensions real = realDimensions(env);
        NINE.forEach((suffix, definition) -> assertAlarm(alarms.get("watched-" + suffix), definition, real, id));

        assertThat(AWS.count("PutMetricAlarm"))
                .as("one PutMetricAlarm per alarm, no repairs")
                .isEqualTo(9);
        List<JsonNode> events = api.events(id);
        assertOnlyAwsDocumentedRetries(events);
        assertThat(events)
                .as("no alarm needed a change right after it was made")
                .noneMatch(e -> e.path("type").asString().equals("UPDATE_STARTED")
                        && ids.containsKey(e.path("resourceKey").asString()));

        tearDown(id);
        assertThat(alarmsNamed("watched")).as("alarms left").isEmpty();
    }

    @Test
    void aRelationalDatabaseAddsItsCpuAndFreeStorageAlarmsOnTheRealInstance() {
        String id = api.create(WITH_POSTGRES);

        JsonNode env = api.await(id, CONVERGE, "READY", "FAILED");
        assertThat(env.path("status").asString()).as(env.toString()).isEqualTo("READY");
        assertThat(alarmRecords(id)).hasSize(11);
        List<String> timeline = api.timeline(id);
        assertThat(timeline.indexOf("CREATE_FINISHED alarm/database-cpu-high"))
                .as("an alarm needs its dimensions' values, not an available instance")
                .isNotNegative()
                .isLessThan(timeline.indexOf("CREATE_FINISHED database/instance"));
        Map<String, MetricAlarm> alarms = alarmsNamed("watched-pg-");
        assertThat(alarms).hasSize(11);
        Dimensions real = realDimensions(env);
        NINE.forEach((suffix, definition) -> assertAlarm(alarms.get("watched-pg-" + suffix), definition, real, id));

        DBInstance instance = rds.describeDBInstances().dbInstances().stream()
                .filter(i -> i.tagList().stream()
                        .anyMatch(t ->
                                t.key().equals(Tags.ENVIRONMENT_ID) && t.value().equals(id)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no DB instance tagged " + id));
        String onInstance = "[DBInstanceIdentifier=" + instance.dbInstanceIdentifier() + "]";
        double freeStorageLow = instance.allocatedStorage() * GIB / 10.0;
        assertThat(freeStorageLow).isEqualTo(2_147_483_648.0);

        assertAlarm(
                alarms.get("watched-pg-database-cpu-high"),
                "AWS/RDS CPUUtilization Average GreaterThanThreshold 80.0 [DBInstanceIdentifier]",
                real,
                id);
        assertThat(dimensionValues(alarms.get("watched-pg-database-cpu-high"))).isEqualTo(onInstance);
        assertAlarm(
                alarms.get("watched-pg-database-free-storage-low"),
                "AWS/RDS FreeStorageSpace Average LessThanThreshold " + freeStorageLow + " [DBInstanceIdentifier]",
                real,
                id);
        assertThat(dimensionValues(alarms.get("watched-pg-database-free-storage-low")))
                .isEqualTo(onInstance);

        tearDown(id);
        assertThat(alarmsNamed("watched-pg")).as("alarms left").isEmpty();
    }

    @Test
    void theMonitoredAppPresetComesWithTheNineAlarms() {
        String id = api.create(FROM_PRESET);

        JsonNode env = api.await(id, CONVERGE, "READY", "FAILED");
        assertThat(env.path("status").asString()).as(env.toString()).isEqualTo("READY");
        Map<String, MetricAlarm> alarms = alarmsNamed("watched-preset-");
        assertThat(alarms.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        NINE.keySet().stream().map(s -> "watched-preset-" + s).toList());
        Dimensions real = realDimensions(env);
        NINE.forEach((suffix, definition) -> assertAlarm(alarms.get("watched-preset-" + suffix), definition, real, id));

        tearDown(id);
        assertThat(alarmsNamed("watched-preset")).as("alarms left").isEmpty();
    }

    @Test
    void anAlarmOfTheSameNameThatTheEnvironmentDidNotMakeIsNeitherTakenOverNorDeleted() {
        cloudWatch.putMetricAlarm(r -> r.alarmName("watched-elb-5xx-count-high")
                .namespace("AWS/ApplicationELB")
                .metricName("HTTPCode_ELB_5XX_Count")
                .statistic(Statistic.SUM)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .threshold(99.0)
                .period(60)
                .evaluationPeriods(3));
        String id = api.create(MONITORED_APP);

        JsonNode env = api.await(id, CONVERGE, "READY", "FAILED");
        assertThat(env.path("status").asString()).as(env.toString()).isEqualTo("FAILED");
        assertThat(env.at("/failure/step").asString()).isEqualTo("alarm/elb-5xx-count-high");
        assertThat(env.at("/failure/code").asString()).isEqualTo("NameTaken");
        assertThat(env.at("/failure/message").asString()).contains("watched-elb-5xx-count-high is taken");

        tearDown(id);
        assertThat(alarmsNamed("watched"))
                .as("only the alarm made outside the environment is left")
                .containsOnlyKeys("watched-elb-5xx-count-high");
        MetricAlarm untouched = alarmsNamed("watched").get("watched-elb-5xx-count-high");
        assertThat(untouched.threshold()).isEqualTo(99.0);
        assertThat(untouched.period()).isEqualTo(60);
        assertThat(cloudWatch
                        .listTagsForResource(r -> r.resourceARN(untouched.alarmArn()))
                        .tags())
                .isEmpty();
    }

    /** The dimension values of the environment's load balancer, target group, cluster and service, read from AWS. */
    private record Dimensions(String loadBalancer, String targetGroup, String cluster, String service) {

        String of(String name) {
            return switch (name) {
                case "LoadBalancer" -> loadBalancer;
                case "TargetGroup" -> targetGroup;
                case "ClusterName" -> cluster;
                case "ServiceName" -> service;
                default -> throw new IllegalArgumentException(name);
            };
        }
    }

    private Dimensions realDimensions(JsonNode env) {
        String dns = env.at("/outputs/loadBalancerDns").asString();
        LoadBalancer lb = elb.describeLoadBalancers().loadBalancers().stream()
                .filter(l -> l.dnsName().equals(dns))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no load balancer " + dns));
        TargetGroup tg = elb.describeTargetGroups(r -> r.loadBalancerArn(lb.loadBalancerArn()))
                .targetGroups()
                .getFirst();
        String cluster = env.at("/outputs/clusterName").asString();
        String service = env.at("/outputs/serviceName").asString();
        assertThat(ecs.describeServices(r -> r.cluster(cluster).services(service))
                        .services())
                .singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo("ACTIVE"));
        // arn:aws:elasticloadbalancing:<region>:<account>:loadbalancer/app/<name>/<id> and …:targetgroup/<name>/<id>
        String loadBalancer = lb.loadBalancerArn()
                .substring(lb.loadBalancerArn().indexOf(":loadbalancer/") + ":loadbalancer/".length());
        String targetGroup = tg.targetGroupArn().substring(tg.targetGroupArn().indexOf(":targetgroup/") + 1);
        assertThat(loadBalancer).startsWith("app/" + lb.loadBalancerName() + "/");
        assertThat(targetGroup).startsWith("targetgroup/" + tg.targetGroupName() + "/");
        return new Dimensions(loadBalancer, targetGroup, cluster, service);
    }

    private void assertAlarm(MetricAlarm alarm, String definition, Dimensions real, String environmentId) {
        assertThat(alarm).as("alarm for %s", definition).isNotNull();
        List<String> dimensionNames = alarm.dimensions().stream()
                .map(software.amazon.awssdk.services.cloudwatch.model.Dimension::name)
                .sorted()
                .toList();
        assertThat(alarm.namespace() + " " + alarm.metricName() + " " + alarm.statisticAsString() + " "
                        + alarm.comparisonOperatorAsString() + " " + alarm.threshold() + " " + dimensionNames)
                .as(alarm.alarmName())
                .isEqualTo(definition);
        assertThat(alarm.period()).isEqualTo(300);
        assertThat(alarm.evaluationPeriods()).isEqualTo(1);
        assertThat(alarm.datapointsToAlarm()).isEqualTo(1);
        assertThat(alarm.treatMissingData()).isEqualTo("notBreaching");
        assertThat(alarm.alarmActions()).isEmpty();
        assertThat(alarm.okActions()).isEmpty();
        assertThat(alarm.insufficientDataActions()).isEmpty();
        assertThat(alarm.alarmDescription()).contains(alarm.metricName()).contains("1 datapoint within 5 minutes");
        alarm.dimensions().stream()
                .filter(d -> !d.name().equals("DBInstanceIdentifier"))
                .forEach(d -> assertThat(d.value())
                        .as("%s of %s", d.name(), alarm.alarmName())
                        .isEqualTo(real.of(d.name())));
        Map<String, String> tags = cloudWatch.listTagsForResource(r -> r.resourceARN(alarm.alarmArn())).tags().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value));
        assertThat(tags)
                .containsEntry(Tags.ENVIRONMENT_ID, environmentId)
                .containsEntry(Tags.MANAGED_BY, Tags.MANAGED_BY_VALUE)
                .containsKey(Tags.RESOURCE_KEY);
    }

    private static String dimensionValues(MetricAlarm alarm) {
        return alarm.dimensions().stream()
                .map(d -> d.name() + "=" + d.value())
                .sorted()
                .toList()
                .toString();
    }

    private Map<String, MetricAlarm> alarmsNamed(String prefix) {
        return cloudWatch.describeAlarms(r -> r.alarmNamePrefix(prefix)).metricAlarms().stream()
                .collect(Collectors.toMap(MetricAlarm::alarmName, Function.identity(), (a, b) -> a, TreeMap::new));
    }

    /** The environment's ALARMS resources, READY, by key: their physical ids. */
    private Map<String, String> alarmRecords(String id) {
        return api.get("/environments/" + id + "/resources")
                .json()
                .path("items")
                .valueStream()
                .filter(r -> r.path("layer").asString().equals("ALARMS"))
                .peek(r ->
                        assertThat(r.path("state").asString()).as(r.toString()).isEqualTo("READY"))
                .collect(Collectors.toMap(
                        r -> r.path("key").asString(), r -> r.path("physicalId").asString()));
    }

    private void tearDown(String id) {
        assertThat(api.delete("/environments/" + id).status()).isEqualTo(202);
        JsonNode gone = api.await(id, CONVERGE, "DELETED", "DELETE_FAILED");
        assertThat(gone.path("status").asString()).as(gone.toString()).isEqualTo("DELETED");
        assertNothingTagged(REGION, id);
    }
}
