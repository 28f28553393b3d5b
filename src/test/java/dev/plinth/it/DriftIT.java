package dev.plinth.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.engine.Tags;
import dev.plinth.testing.EndToEndTest;
import dev.plinth.testing.Leftovers;
import dev.plinth.testing.PlinthApi;
import dev.plinth.testing.PlinthApi.Reply;
import dev.plinth.testing.Waits;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.rds.RdsClient;
import tools.jackson.databind.JsonNode;

/**
 * Drift made with the SDK behind the service's back: found by the periodic check and reported under
 * {@code report}, undone by {@code POST .../reconcile}, and undone by the check itself under
 * {@code repair}. A service of its own (its own database) with a short check interval.
 */
class DriftIT extends EndToEndTest {

    private static final String REGION = "eu-central-1";
    private static final Duration INTERVAL = Duration.ofSeconds(2);
    /** One interval (checks come at most one apart, becoming READY counts as one), the check, a slow machine's margin. */
    private static final Duration REPORTED_WITHIN = INTERVAL.plusSeconds(15);

    private final EcsClient ecs = emulated(EcsClient.builder(), REGION);
    private final RdsClient rds = emulated(RdsClient.builder(), REGION);
    private final CloudFrontClient cloudFront = emulated(CloudFrontClient.builder(), "us-east-1");
    private final ElasticLoadBalancingV2Client elb = emulated(ElasticLoadBalancingV2Client.builder(), REGION);
    private final ApplicationAutoScalingClient scaling = emulated(ApplicationAutoScalingClient.builder(), REGION);

    @DynamicPropertySource
    static void checkedOften(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.datasource.url",
                () -> "jdbc:h2:mem:plinth-drift;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                        + "DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;DB_CLOSE_DELAY=-1");
        registry.add("plinth.drift.interval", INTERVAL::toString);
        registry.add("plinth.drift.observations-per-second", () -> "1000");
    }

    @Test
    void driftIsReportedWithTheAttributeLeftAsItIsUnderReportAndUndoneByAReconcile() {
        String id = api.create("""
                {"name": "drifting", "region": "eu-central-1",
                 "network": {"cidr": "10.70.0.0/16", "availabilityZones": 2, "natGateways": "single"},
                 "database": {"engine": "postgres", "proxy": false},
                 "service": {"image": "public.ecr.aws/nginx/nginx:1.27", "desiredCount": 2},
                 "cdn": {}}""");
        JsonNode ready = await(id, "READY");
        JsonNode outputs = ready.path("outputs");
        String cluster = outputs.path("clusterName").asString();
        String service = outputs.path("serviceName").asString();
        String database = outputs.path("databaseEndpoint").asString().split("\\.")[0];
        String appGroup = outputs.at("/securityGroupIds/app").asString();
        String databaseGroup = outputs.at("/securityGroupIds/database").asString();
        String distribution = outputs.path("distributionId").asString();
        String zone = ready.path("availabilityZones").get(1).asString();
        String subnet = subnet(id, "subnet/public/" + zone).orElseThrow().subnetId();

        Instant drifted = Instant.now();
        // NOTE: AWS removes a deleted subnet's route table association with it; the emulator keeps it
        ec2(REGION)
                .describeRouteTables(r -> r.filters(Filter.builder()
                        .name("association.subnet-id")
                        .values(subnet)
                        .build()))
                .routeTables()
                .stream()
                .flatMap(t -> t.associations().stream())
                .filter(a -> subnet.equals(a.subnetId()))
                .forEach(a -> ec2(REGION).disassociateRouteTable(r -> r.associationId(a.routeTableAssociationId())));
        ec2(REGION).deleteSubnet(r -> r.subnetId(subnet));
        cloudFront.deleteDistribution(r -> r.id(distribution).ifMatch("any"));
        ecs.updateService(r -> r.cluster(cluster).service(service).desiredCount(5));
        ec2(REGION)
                .authorizeSecurityGroupIngress(r -> r.groupId(appGroup)
                        .ipProtocol("tcp")
                        .fromPort(22)
                        .toPort(22)
                        .cidrIp("0.0.0.0/0"));
        ec2(REGION)
                .revokeSecurityGroupIngress(
                        r -> r.groupId(databaseGroup).securityGroupRuleIds(ruleFrom(databaseGroup, appGroup)));
        rds.modifyDBInstance(r ->
                r.dbInstanceIdentifier(database).dbInstanceClass("db.t4g.large").applyImmediately(true));

        Set<String> expected = Set.of(
                "subnet/public/" + zone + " exists true false",
                "cdn/distribution exists true false",
                "service desiredCount 2 5",
                "security-group/app ingress",
                "security-group-ingress/database-from-app exists true false",
                "database/instance instanceClass db.t4g.micro db.t4g.large");
        JsonNode reported = Waits.until(
                REPORTED_WITHIN,
                () -> api.get("/environments/" + id).json(),
                env -> drifts(env).containsAll(expected),
                "every drift to be reported");
        assertThat(Instant.parse(reported.at("/drift/checkedAt").asString())).isAfter(drifted);
        assertThat(reported.path("status").asString()).as("report only").isEqualTo("READY");
        assertThat(reported.at("/drift/differences")
                        .valueStream()
                        .filter(d -> d.path("resource").asString().equals("security-group/app"))
                        .findFirst()
                        .orElseThrow()
                        .path("actual")
                        .asString())
                .contains("tcp 22 from 0.0.0.0/0");
        assertThat(api.messagesOf(id, "DRIFT_DETECTED")).isNotEmpty();
        assertThat(api.messagesOf(id, "REPAIR_STARTED")).isEmpty();
        assertThat(ecs.describeServices(r -> r.cluster(cluster).services(service))
                        .services()
                        .getFirst()
                        .desiredCount())
                .as("left as it is")
                .isEqualTo(5);
        assertThat(subnet(id, "subnet/public/" + zone)).as("left as it is").isEmpty();
        assertThat(api.getOutsideContract("/actuator/prometheus").body())
                .contains("plinth_drift_detected_total{attribute=\"desiredCount\",kind=\"AWS::ECS::Service\"");

        Reply reconcile = api.send("POST", "/environments/" + id + "/reconcile", "application/json", "");
        assertThat(reconcile.status()).as(reconcile.body()).isEqualTo(202);
        JsonNode repaired = Waits.until(
                Duration.ofSeconds(90),
                () -> api.get("/environments/" + id).json(),
                env -> env.path("status").asString().equals("READY")
                        && !api.messagesOf(id, "REPAIR_STARTED").isEmpty()
                        && env.at("/drift/differences").isEmpty(),
                "the drift to be repaired");

        assertThat(ecs.describeServices(r -> r.cluster(cluster).services(service))
                        .services()
                        .getFirst()
                        .desiredCount())
                .isEqualTo(2);
        String newSubnet = subnet(id, "subnet/public/" + zone).orElseThrow().subnetId();
        String loadBalancer = api.physicalId(id, "load-balancer");
        assertThat(elb
                        .describeLoadBalancers(r -> r.loadBalancerArns(loadBalancer))
                        .loadBalancers()
                        .getFirst()
                        .availabilityZones()
                        .stream()
                        .map(AvailabilityZone::subnetId))
                .as("what depends on the new subnet picked it up")
                .contains(newSubnet);
        assertThat(cloudFront.listDistributions().distributionList().items())
                .singleElement()
                .satisfies(d -> assertThat(d.id())
                        .isEqualTo(repaired.at("/outputs/distributionId").asString()));
        assertThat(rules(appGroup)).noneMatch(rule -> Integer.valueOf(22).equals(rule.fromPort()));
        assertThat(ruleFrom(databaseGroup, appGroup)).isNotNull();
        assertThat(rds.describeDBInstances(r -> r.dbInstanceIdentifier(database))
                        .dbInstances()
                        .getFirst()
                        .dbInstanceClass())
                .isEqualTo("db.t4g.micro");
        assertThat(api.get("/environments/" + id).headers().firstValue("ETag")).isNotEmpty();

        api.delete("/environments/" + id);
        await(id, "DELETED");
        assertNothingTagged(REGION, id);
    }

    @Test
    void underRepairTheCheckUndoesDriftItselfButLeavesADesiredCountAutoscalingOwnsUntilTheSpecChangesIt() {
        String id = api.create("""
                {"name": "self-healing", "region": "eu-central-1", "driftPolicy": "repair",
                 "network": {"cidr": "10.71.0.0/16", "availabilityZones": 2, "natGateways": "single"},
                 "service": {"image": "public.ecr.aws/nginx/nginx:1.27", "desiredCount": 2,
                             "autoscaling": {"min": 1, "max": 4}}}""");
        JsonNode ready = await(id, "READY");
        assertThat(ready.at("/spec/driftPolicy").asString()).isEqualTo("repair");
        String cluster = ready.at("/outputs/clusterName").asString();
        String service = ready.at("/outputs/serviceName").asString();
        String resourceId = "service/" + cluster + "/" + service;

        ecs.updateService(r -> r.cluster(cluster).service(service).desiredCount(3)); // as autoscaling would
        scaling.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS)
                .resourceId(resourceId)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                .minCapacity(2)
                .maxCapacity(9));

        Waits.until(
                REPORTED_WITHIN.plusSeconds(30),
                () -> target(resourceId),
                t -> t.minCapacity() == 1
                        && t.maxCapacity() == 4
                        && !api.messagesOf(id, "REPAIR_STARTED").isEmpty(),
                "the scaling bounds to be changed back");
        // the report the repair answered stays until the next check looks again
        JsonNode after = Waits.until(
                REPORTED_WITHIN,
                () -> api.get("/environments/" + id).json(),
                env -> env.path("status").asString().equals("READY")
                        && env.at("/drift/differences").isEmpty(),
                "a check after the repair to find nothing");
        assertThat(String.join("\n", api.messagesOf(id, "DRIFT_DETECTED")))
                .contains("scaling/target minCapacity 2 -> 1")
                .contains("scaling/target maxCapacity 9 -> 4")
                .doesNotContain("desiredCount");
        assertThat(ecs.describeServices(r -> r.cluster(cluster).services(service))
                        .services()
                        .getFirst()
                        .desiredCount())
                .as("autoscaling's to set")
                .isEqualTo(3);

        Reply patched = api.patch(id, "", "{\"service\": {\"desiredCount\": 4}}", api.etag(id));
        assertThat(patched.status()).as(patched.body()).isEqualTo(202);
        await(id, "READY");
        assertThat(ecs.describeServices(r -> r.cluster(cluster).services(service))
                        .services()
                        .getFirst()
                        .desiredCount())
                .as("a count the spec changes is applied, autoscaling or not")
                .isEqualTo(4);

        api.delete("/environments/" + id);
        await(id, "DELETED");
        assertNothingTagged(REGION, id);
    }

    @Test
    void aScheduleThatFiredIsNotDriftAndARepairPutsBackTheScheduleInForceNotTheSpecsBounds() {
        String id = api.create("""
                {"name": "scheduled", "region": "eu-central-1",
                 "network": {"cidr": "10.72.0.0/16", "availabilityZones": 2, "natGateways": "single"},
                 "service": {"image": "public.ecr.aws/nginx/nginx:1.27", "desiredCount": 2,
                             "autoscaling": {"min": 1, "max": 4}}}""");
        JsonNode ready = await(id, "READY");
        String resourceId = "service/" + ready.at("/outputs/clusterName").asString() + "/"
                + ready.at("/outputs/serviceName").asString();
        ApplicationAutoScalingClient throughTheFront =
                Leftovers.client(ApplicationAutoScalingClient.builder(), AWS.endpoint(), REGION);

        // a one-time schedule a few seconds ahead: AWS, and the behaviour layer, run it by the wall clock
        Instant fires = Instant.now().plusSeconds(20).truncatedTo(ChronoUnit.SECONDS);
        Reply patched = api.patch(
                id,
                "",
                """
                {"service": {"autoscaling": {"schedules": [{"name": "burst", "cron": "at(%s)", "min": 2, "max": 5}]}}}""".formatted(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
                        .withZone(ZoneOffset.UTC)
                        .format(fires)),
                api.etag(id));
        assertThat(patched.status()).as(patched.body()).isEqualTo(202);
        await(id, "READY");
        assertThat(Instant.now())
                .as("the scheduled action exists before its time")
                .isBefore(fires);

        Waits.until(
                Duration.ofSeconds(20),
                () -> bounds(throughTheFront, resourceId),
                "2..5"::equals,
                "the schedule to act");
        Instant afterFiring = Instant.now();
        Reply reconcile = api.send("POST", "/environments/" + id + "/reconcile", "application/json", "");
        assertThat(reconcile.status()).as(reconcile.body()).isEqualTo(202);
        JsonNode checked = Waits.until(
                REPORTED_WITHIN,
                () -> api.get("/environments/" + id).json(),
                env -> env.path("status").asString().equals("READY")
                        && env.at("/drift/checkedAt").isString()
                        && Instant.parse(env.at("/drift/checkedAt").asString()).isAfter(afterFiring),
                "a drift check after the schedule acted");
        assertThat(checked.at("/drift/differences").isEmpty())
                .as(checked.at("/drift").toString())
                .isTrue();
        assertThat(api.messagesOf(id, "DRIFT_DETECTED"))
                .as("a schedule acting is not drift")
                .isEmpty();
        assertThat(PlinthApi.keysOf(api.events(id), "UPDATE_STARTED"))
                .as("nothing undoes it")
                .doesNotContain("scaling/target");
        assertThat(bounds(throughTheFront, resourceId)).isEqualTo("2..5");

        throughTheFront.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS)
                .resourceId(resourceId)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                .minCapacity(3)
                .maxCapacity(7));
        Reply again = api.send("POST", "/environments/" + id + "/reconcile", "application/json", "");
        assertThat(again.status()).as(again.body()).isEqualTo(202);
        Waits.until(
                REPORTED_WITHIN.plusSeconds(30),
                () -> bounds(throughTheFront, resourceId),
                b -> b.equals("2..5") && !api.messagesOf(id, "REPAIR_STARTED").isEmpty(),
                "the bounds in force to be put back");
        assertThat(String.join("\n", api.messagesOf(id, "DRIFT_DETECTED")))
                .contains("scaling/target minCapacity 3 -> 2")
                .contains("scaling/target maxCapacity 7 -> 5");
        assertThat(bounds(scaling, resourceId)).as("in the emulator itself").isEqualTo("2..5");

        api.delete("/environments/" + id);
        await(id, "DELETED");
        assertNothingTagged(REGION, id);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private JsonNode await(String id, String status) {
        JsonNode env = api.await(id, CONVERGE, status, "FAILED", "DELETE_FAILED");
        assertThat(env.path("status").asString()).as(env.toString()).isEqualTo(status);
        return env;
    }

    /** The differences of the last check, as "resource attribute expected actual" (no values for security groups). */
    private static Set<String> drifts(JsonNode env) {
        return env.at("/drift/differences")
                .valueStream()
                .map(d -> d.path("attribute").asString().equals("ingress")
                        ? d.path("resource").asString() + " ingress"
                        : String.join(
                                " ",
                                d.path("resource").asString(),
                                d.path("attribute").asString(),
                                d.path("expected").asString(),
                                d.path("actual").asString()))
                .collect(Collectors.toSet());
    }

    private static java.util.Optional<Subnet> subnet(String environmentId, String key) {
        return ec2(REGION)
                .describeSubnets(r -> r.filters(
                        Filter.builder()
                                .name("tag:" + Tags.ENVIRONMENT_ID)
                                .values(environmentId)
                                .build(),
                        Filter.builder()
                                .name("tag:" + Tags.RESOURCE_KEY)
                                .values(key)
                                .build()))
                .subnets()
                .stream()
                .findFirst();
    }

    private static List<SecurityGroupRule> rules(String group) {
        return ec2(REGION)
                .describeSecurityGroupRules(r -> r.filters(
                        Filter.builder().name("group-id").values(group).build()))
                .securityGroupRules()
                .stream()
                .filter(rule -> !rule.isEgress())
                .toList();
    }

    /** The id of the ingress rule of {@code group} that lets {@code source} in, or null. */
    private static String ruleFrom(String group, String source) {
        return rules(group).stream()
                .filter(rule -> rule.referencedGroupInfo() != null
                        && source.equals(rule.referencedGroupInfo().groupId()))
                .map(SecurityGroupRule::securityGroupRuleId)
                .findFirst()
                .orElse(null);
    }

    private static String bounds(ApplicationAutoScalingClient client, String resourceId) {
        ScalableTarget target = client.describeScalableTargets(
                        r -> r.serviceNamespace(ServiceNamespace.ECS).resourceIds(resourceId))
                .scalableTargets()
                .getFirst();
        return target.minCapacity() + ".." + target.maxCapacity();
    }

    private ScalableTarget target(String resourceId) {
        return scaling.describeScalableTargets(
                        r -> r.serviceNamespace(ServiceNamespace.ECS).resourceIds(resourceId))
                .scalableTargets()
                .getFirst();
    }
}
