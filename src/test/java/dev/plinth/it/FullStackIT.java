package dev.plinth.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.testing.EndToEndTest;
import dev.plinth.testing.Specs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.efs.EfsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.rds.RdsClient;
import tools.jackson.databind.JsonNode;

/**
 * The full example, every layer at once, with CloudFront taking several polls to deploy: it
 * converges, independent branches are built at the same time, and what each layer promises is read
 * back with the SDK; then it is torn down to nothing.
 */
class FullStackIT extends EndToEndTest {

    private static final String REGION = "eu-central-1";

    @AfterEach
    void cloudFrontBackToNormal() {
        MOTO.undoSlowDown("cloudfront::distribution");
    }

    @Test
    void theFullExampleConvergesInParallelWithEveryLayerAsPromisedAndTearsDownToNothing() {
        MOTO.slowDown("cloudfront::distribution", 4);

        String id = api.create(Specs.fullExample());
        JsonNode env = api.await(id, CONVERGE, "READY", "FAILED");

        assertThat(env.path("status").asString()).as(env.toString()).isEqualTo("READY");
        JsonNode out = env.path("outputs");
        assertThat(out.path("url").asString())
                .isEqualTo(
                        "https://" + cloudFrontDomain(out.path("distributionId").asString()));
        assertThat(peakConcurrency(id)).as("resources in flight at once").isGreaterThanOrEqualTo(4);

        try (RdsClient rds = emulated(RdsClient.builder(), REGION)) {
            var instance = rds.describeDBInstances(r -> r.dbInstanceIdentifier(dbIdentifier(id)))
                    .dbInstances()
                    .getFirst();
            assertThat(instance.dbInstanceClass()).isEqualTo("db.t4g.micro");
            assertThat(instance.multiAZ()).isFalse();
            assertThat(instance.masterUserSecret().secretArn())
                    .isEqualTo(out.path("databaseSecretArn").asString());
            assertThat(rds.describeDBProxies(r -> {}).dbProxies())
                    .anySatisfy(p -> assertThat(p.endpoint())
                            .isEqualTo(out.path("databaseProxyEndpoint").asString()));
        }
        try (EfsClient efs = emulated(EfsClient.builder(), REGION)) {
            assertThat(efs.describeMountTargets(
                                    r -> r.fileSystemId(out.path("fileSystemId").asString()))
                            .mountTargets())
                    .hasSize(2);
        }
        try (EcsClient ecs = emulated(EcsClient.builder(), REGION)) {
            var service = ecs.describeServices(
                            r -> r.cluster(out.path("clusterName").asString())
                                    .services(out.path("serviceName").asString()))
                    .services()
                    .getFirst();
            TaskDefinition task = ecs.describeTaskDefinition(r -> r.taskDefinition(service.taskDefinition()))
                    .taskDefinition();
            ContainerDefinition app = task.containerDefinitions().getFirst();
            assertThat(task.volumes())
                    .singleElement()
                    .satisfies(v -> assertThat(v.efsVolumeConfiguration().fileSystemId())
                            .isEqualTo(out.path("fileSystemId").asString()));
            assertThat(app.mountPoints())
                    .singleElement()
                    .satisfies(m -> assertThat(m.containerPath()).isEqualTo("/data"));
            assertThat(app.secrets()).extracting(s -> s.name()).containsExactlyInAnyOrder("DB_USERNAME", "DB_PASSWORD");
            assertThat(app.secrets())
                    .allSatisfy(s -> assertThat(s.valueFrom())
                            .startsWith(out.path("databaseSecretArn").asString()));
            assertThat(app.environment()).anySatisfy(e -> {
                assertThat(e.name()).isEqualTo("DB_HOST");
                assertThat(e.value())
                        .isEqualTo(out.path("databaseProxyEndpoint").asString());
            });
            assertThat(app.environment())
                    .anySatisfy(e -> assertThat(e.name() + "=" + e.value()).isEqualTo("APP_MODE=staging"));
            assertThat(service.loadBalancers()).singleElement().satisfies(lb -> {
                try (var elb = emulated(ElasticLoadBalancingV2Client.builder(), REGION)) {
                    var listener = elb.describeListeners(r -> r.loadBalancerArn(loadBalancerArn(elb, out)))
                            .listeners()
                            .getFirst();
                    assertThat(listener.defaultActions().getFirst().targetGroupArn())
                            .isEqualTo(lb.targetGroupArn());
                }
            });
        }
        try (var scaling = emulated(ApplicationAutoScalingClient.builder(), REGION)) {
            assertThat(scaling.describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.ECS))
                            .scalableTargets())
                    .singleElement()
                    .satisfies(t -> {
                        assertThat(t.minCapacity()).isEqualTo(2);
                        assertThat(t.maxCapacity()).isEqualTo(6);
                    });
            assertThat(scaling.describeScalingPolicies(r -> r.serviceNamespace(ServiceNamespace.ECS))
                            .scalingPolicies())
                    .extracting(
                            p -> p.targetTrackingScalingPolicyConfiguration().targetValue())
                    .containsExactlyInAnyOrder(60.0, 75.0);
            assertThat(scaling.describeScheduledActions(r -> r.serviceNamespace(ServiceNamespace.ECS))
                            .scheduledActions())
                    .extracting(a -> a.schedule())
                    .containsExactlyInAnyOrder("cron(0 18 ? * MON-FRI *)", "cron(0 8 ? * MON-FRI *)");
        }
        try (CloudFrontClient cloudFront = emulated(CloudFrontClient.builder(), "us-east-1")) {
            var origins = cloudFront
                    .getDistribution(r -> r.id(out.path("distributionId").asString()))
                    .distribution()
                    .distributionConfig()
                    .origins()
                    .items();
            assertThat(origins)
                    .extracting(o -> o.domainName())
                    .contains(out.path("loadBalancerDns").asString());
        }
        try (CloudWatchClient cloudWatch = emulated(CloudWatchClient.builder(), REGION)) {
            assertThat(cloudWatch
                            .describeAlarms(r -> r.alarmNamePrefix("shop-staging-"))
                            .metricAlarms())
                    .extracting(a -> a.metricName())
                    .contains(
                            "HTTPCode_Target_5XX_Count",
                            "HTTPCode_ELB_5XX_Count",
                            "TargetResponseTime",
                            "FreeStorageSpace")
                    .hasSize(11);
        }

        api.delete("/environments/" + id);
        JsonNode gone = api.await(id, CONVERGE, "DELETED", "DELETE_FAILED");
        assertThat(gone.path("status").asString()).as(gone.toString()).isEqualTo("DELETED");
        assertNothingTagged(REGION, id);
    }

    /** The most resources that were between their intent and their readiness at the same moment. */
    private int peakConcurrency(String id) {
        Map<String, Instant> started = new HashMap<>();
        List<Instant[]> spans = new ArrayList<>();
        for (JsonNode e : api.events(id)) {
            String key = e.path("resourceKey").asString();
            Instant at = Instant.parse(e.path("at").asString());
            switch (e.path("type").asString()) {
                case "CREATE_STARTED" -> started.putIfAbsent(key, at);
                case "CREATE_FINISHED" -> spans.add(new Instant[] {started.get(key), at});
                default -> {}
            }
        }
        int peak = 0;
        for (Instant[] span : spans) {
            int inFlight = (int) spans.stream()
                    .filter(s -> !s[0].isAfter(span[0]) && s[1].isAfter(span[0]))
                    .count();
            peak = Math.max(peak, inFlight);
        }
        return peak;
    }

    private String dbIdentifier(String id) {
        return api.get("/environments/" + id + "/resources")
                .json()
                .path("items")
                .valueStream()
                .filter(r -> r.path("key").asString().equals("database/instance"))
                .map(r -> r.path("physicalId").asString())
                .findFirst()
                .orElseThrow();
    }

    private static String loadBalancerArn(ElasticLoadBalancingV2Client elb, JsonNode out) {
        return elb.describeLoadBalancers(r -> {}).loadBalancers().stream()
                .filter(lb -> lb.dnsName().equals(out.path("loadBalancerDns").asString()))
                .findFirst()
                .orElseThrow()
                .loadBalancerArn();
    }

    private static String cloudFrontDomain(String distributionId) {
        try (CloudFrontClient cloudFront = emulated(CloudFrontClient.builder(), "us-east-1")) {
            return cloudFront
                    .getDistribution(r -> r.id(distributionId))
                    .distribution()
                    .domainName();
        }
    }
}
