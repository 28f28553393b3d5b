package dev.plinth.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.testing.EndToEndTest;
import dev.plinth.testing.PlinthApi;
import dev.plinth.testing.PlinthApi.Reply;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScheduledAction;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import tools.jackson.databind.JsonNode;

/**
 * Each kind of spec change converges, read back with the SDK, and its plan listed exactly what apply
 * then created, changed and deleted (compared with the events apply wrote).
 */
class UpdateKindsIT extends EndToEndTest {

    private static final String REGION = "eu-central-1";
    private static final String SPEC = """
            {"name": "updated", "region": "eu-central-1",
             "network": {"cidr": "10.72.0.0/16", "availabilityZones": 2, "natGateways": "single"},
             "database": {"engine": "postgres", "proxy": false},
             "service": {"image": "public.ecr.aws/nginx/nginx:1.27", "cpu": 256, "memory": 512, "desiredCount": 2,
               "environment": {"APP_MODE": "staging"},
               "autoscaling": {"min": 1, "max": 4, "cpuTarget": 60, "schedules": [
                 {"name": "nights", "cron": "cron(0 18 ? * MON-FRI *)", "min": 1, "max": 1}]}}}""";

    private final EcsClient ecs = emulated(EcsClient.builder(), REGION);
    private final RdsClient rds = emulated(RdsClient.builder(), REGION);
    private final ApplicationAutoScalingClient scaling = emulated(ApplicationAutoScalingClient.builder(), REGION);
    private final CloudFrontClient cloudFront = emulated(CloudFrontClient.builder(), "us-east-1");

    /** What a plan said, by item kind: create, update, replace, delete. */
    private record Planned(Set<String> create, Set<String> update, Set<String> replace, Set<String> delete) {}

    /** What apply did, from the events after SPEC_CHANGED. */
    private record Applied(Set<String> create, Set<String> update, Set<String> delete) {}

    @Test
    void eachKindOfChangeConvergesAsItsPlanSaid() {
        String id = api.create(SPEC);
        JsonNode ready = api.await(id, CONVERGE, "READY", "FAILED");
        assertThat(ready.path("status").asString()).as(ready.toString()).isEqualTo("READY");
        String cluster = ready.at("/outputs/clusterName").asString();
        String service = ready.at("/outputs/serviceName").asString();
        String instance = ready.at("/outputs/databaseEndpoint").asString().split("\\.")[0];
        String resourceId = "service/" + cluster + "/" + service;

        // scaling bounds, target and schedule; CPU and memory; an environment variable; instance class and storage
        Planned planned = change(id, """
                {"service": {"cpu": 512, "memory": 1024, "environment": {"APP_MODE": "production"},
                   "autoscaling": {"min": 2, "max": 6, "cpuTarget": 50, "schedules": [
                     {"name": "nights", "cron": "cron(0 20 ? * MON-FRI *)", "min": 2, "max": 2}]}},
                 "database": {"instanceClass": "db.t4g.small", "storageGb": 30}}""");
        assertThat(planned.update())
                .contains(
                        "task-definition",
                        "service",
                        "scaling/target",
                        "scaling/policy/cpu",
                        "scaling/schedule/nights",
                        "database/instance");
        assertThat(planned.create()).isEmpty();
        assertThat(planned.replace()).isEmpty();
        assertThat(applied(id)).isEqualTo(new Applied(planned.create(), planned.update(), planned.delete()));

        TaskDefinition taskDefinition = ecs.describeTaskDefinition(r -> r.taskDefinition(
                        ecs.describeServices(s -> s.cluster(cluster).services(service))
                                .services()
                                .getFirst()
                                .taskDefinition()))
                .taskDefinition();
        assertThat(taskDefinition.cpu()).isEqualTo("512");
        assertThat(taskDefinition.memory()).isEqualTo("1024");
        assertThat(taskDefinition.containerDefinitions().getFirst().environment())
                .anySatisfy(v -> assertThat(v.name() + "=" + v.value()).isEqualTo("APP_MODE=production"));
        ScalableTarget target = scaling.describeScalableTargets(
                        r -> r.serviceNamespace(ServiceNamespace.ECS).resourceIds(resourceId))
                .scalableTargets()
                .getFirst();
        assertThat(List.of(target.minCapacity(), target.maxCapacity())).containsExactly(2, 6);
        assertThat(scaling.describeScalingPolicies(
                                r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId(resourceId))
                        .scalingPolicies())
                .singleElement()
                .satisfies(p -> assertThat(
                                p.targetTrackingScalingPolicyConfiguration().targetValue())
                        .isEqualTo(50.0));
        List<ScheduledAction> schedules = scaling.describeScheduledActions(
                        r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId(resourceId))
                .scheduledActions();
        assertThat(schedules).singleElement().satisfies(a -> {
            assertThat(a.schedule()).isEqualTo("cron(0 20 ? * MON-FRI *)");
            assertThat(List.of(
                            a.scalableTargetAction().minCapacity(),
                            a.scalableTargetAction().maxCapacity()))
                    .containsExactly(2, 2);
        });
        DBInstance db = rds.describeDBInstances(r -> r.dbInstanceIdentifier(instance))
                .dbInstances()
                .getFirst();
        assertThat(db.dbInstanceClass()).isEqualTo("db.t4g.small");
        assertThat(db.allocatedStorage()).isEqualTo(30);

        // the CDN turned on, then off again
        Planned cdnOn = change(id, "{\"cdn\": {}}");
        assertThat(cdnOn.create()).contains("cdn/distribution");
        assertThat(applied(id)).isEqualTo(new Applied(cdnOn.create(), cdnOn.update(), cdnOn.delete()));
        String distribution = api.get("/environments/" + id)
                .json()
                .at("/outputs/distributionId")
                .asString();
        assertThat(cloudFront
                        .getDistribution(r -> r.id(distribution))
                        .distribution()
                        .status())
                .isEqualTo("Deployed");

        Planned cdnOff = change(id, "{\"cdn\": {\"enabled\": false}}");
        assertThat(cdnOff.delete()).contains("cdn/distribution");
        assertThat(applied(id)).isEqualTo(new Applied(cdnOff.create(), cdnOff.update(), cdnOff.delete()));
        assertThat(cloudFront.listDistributions().distributionList().items()).isEmpty();

        api.delete("/environments/" + id);
        api.await(id, CONVERGE, "DELETED");
        assertNothingTagged(REGION, id);
    }

    /** Plans {@code patch}, applies it, and waits for the environment to be READY again. */
    private Planned change(String id, String patch) {
        Reply plan = api.plan(id, "", patch);
        assertThat(plan.status()).as(plan.body()).isEqualTo(200);
        assertThat(plan.json().path("refused").isEmpty()).as(plan.body()).isTrue();
        Reply applied = api.patch(id, "", patch, api.etag(id));
        assertThat(applied.status()).as(applied.body()).isEqualTo(202);
        JsonNode env;
        try {
            env = api.await(id, CONVERGE, "READY", "FAILED");
        } catch (AssertionError e) {
            List<JsonNode> events = api.events(id);
            throw new AssertionError(
                    events.subList(Math.max(0, events.size() - 12), events.size()).stream()
                            .map(x -> x.path("type").asString() + " "
                                    + x.path("resourceKey").asString() + " "
                                    + x.path("message").asString())
                            .collect(Collectors.joining("\n")),
                    e);
        }
        assertThat(env.path("status").asString()).as(env.toString()).isEqualTo("READY");
        JsonNode p = plan.json();
        return new Planned(
                PlinthApi.keysOf(p.path("create")),
                PlinthApi.keysOf(p.path("update")),
                PlinthApi.keysOf(p.path("replace")),
                PlinthApi.keysOf(p.path("delete")));
    }

    /**
     * The resources the last change created, changed in place and deleted, from its events; each
     * create and update it started finished, and it adopted nothing.
     */
    private Applied applied(String id) {
        List<JsonNode> since = api.eventsSinceLast(id, "SPEC_CHANGED");
        Applied applied = new Applied(
                PlinthApi.keysOf(since, "CREATE_STARTED"),
                PlinthApi.keysOf(since, "UPDATE_STARTED"),
                PlinthApi.keysOf(since, "DELETE_FINISHED"));
        assertThat(PlinthApi.keysOf(since, "CREATE_FINISHED"))
                .as("creates finished")
                .isEqualTo(applied.create());
        assertThat(PlinthApi.keysOf(since, "UPDATE_FINISHED"))
                .as("updates finished")
                .isEqualTo(applied.update());
        assertThat(PlinthApi.keysOf(since, "ADOPTED")).as("adopted").isEmpty();
        return applied;
    }
}
