package dev.plinth.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.testing.Ec2Inventory;
import dev.plinth.testing.EndToEndTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.efs.EfsClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import tools.jackson.databind.JsonNode;

/** Each preset, from its name and an image, reaches READY with what its reference stack has, and tears down to nothing. */
class PresetsIT extends EndToEndTest {

    private static final String REGION = "eu-central-1";
    private static final String IMAGE = "public.ecr.aws/nginx/nginx:stable";

    @Test
    void theCatalogListsTheFourReferenceStacks() {
        JsonNode presets = api.get("/presets").json().path("items");
        assertThat(presets.valueStream().map(p -> p.path("name").asString()))
                .containsExactly("monitored-app", "spa-api", "web-app", "wordpress");
        assertThat(api.get("/presets/wordpress").json().at("/spec/database/engine").asString()).isEqualTo("mysql");
        assertThat(api.get("/presets/drupal").status()).isEqualTo(404);
    }

    @Test
    void wordpressIsMultiAzMysqlBehindAProxyWithSharedFilesAndACdn() {
        JsonNode env = provision("{\"name\": \"blog\", \"region\": \"eu-central-1\", \"preset\": \"wordpress\"}");
        JsonNode out = env.path("outputs");

        DBInstance db = instance(env);
        assertThat(db.engine()).isEqualTo("mysql");
        assertThat(db.multiAZ()).isTrue();
        assertThat(out.path("databaseProxyEndpoint").asString()).isNotBlank();
        try (EfsClient efs = emulated(EfsClient.builder(), REGION)) {
            assertThat(efs.describeMountTargets(r -> r.fileSystemId(out.path("fileSystemId").asString())).mountTargets()).hasSize(2);
        }
        assertThat(out.path("natGatewayIds")).hasSize(2);
        assertThat(out.path("url").asString()).startsWith("https://");
        assertThat(policies()).hasSize(2);

        tearDown(env);
    }

    @Test
    void webAppSpansThreeZonesAndScalesToZeroAtNight() {
        JsonNode env = provision("""
                {"name": "webapp", "region": "eu-central-1", "preset": "web-app", "service": {"image": "%s"}}""".formatted(IMAGE));
        JsonNode out = env.path("outputs");

        assertThat(out.path("privateSubnetIds")).hasSize(3);
        assertThat(instance(env).engine()).isEqualTo("postgres");
        assertThat(out.has("databaseProxyEndpoint")).isFalse();
        try (var scaling = emulated(ApplicationAutoScalingClient.builder(), REGION)) {
            assertThat(scaling.describeScheduledActions(r -> r.serviceNamespace(ServiceNamespace.ECS)).scheduledActions())
                    .extracting(a -> a.schedule() + " " + a.scalableTargetAction().minCapacity() + ".." + a.scalableTargetAction().maxCapacity())
                    .containsExactlyInAnyOrder("cron(0 18 ? * MON-FRI *) 0..0", "cron(0 8 ? * MON-FRI *) 2..6");
        }
        assertThat(policies()).singleElement().isEqualTo(60.0);

        tearDown(env);
    }

    @Test
    void monitoredAppKeepsItsDataInDynamoDbAndHasTheNineAlarms() {
        JsonNode env = provision("""
                {"name": "watched-app", "region": "eu-central-1", "preset": "monitored-app", "service": {"image": "%s"}}""".formatted(IMAGE));

        try (DynamoDbClient dynamo = emulated(DynamoDbClient.builder(), REGION)) {
            assertThat(dynamo.describeTable(r -> r.tableName(env.at("/outputs/tableName").asString())).table().tableName()).isNotBlank();
        }
        try (CloudWatchClient cloudWatch = emulated(CloudWatchClient.builder(), REGION)) {
            assertThat(cloudWatch.describeAlarms(r -> r.alarmNamePrefix("watched-app-")).metricAlarms()).hasSize(9);
        }

        tearDown(env);
    }

    @Test
    void spaApiServesTheStaticSiteFromS3AndTheApiFromTheLoadBalancer() {
        JsonNode env = provision("""
                {"name": "spa", "region": "eu-central-1", "preset": "spa-api", "service": {"image": "%s"}}""".formatted(IMAGE));
        JsonNode out = env.path("outputs");

        assertThat(instance(env).multiAZ()).isTrue();
        assertThat(out.path("staticSiteBucket").asString()).isNotBlank();
        try (CloudFrontClient cloudFront = emulated(CloudFrontClient.builder(), "us-east-1")) {
            var config = cloudFront.getDistribution(r -> r.id(out.path("distributionId").asString())).distribution().distributionConfig();
            assertThat(config.origins().items()).hasSize(2);
            assertThat(config.cacheBehaviors().items()).extracting(b -> b.pathPattern()).containsExactly("/api/*");
        }

        tearDown(env);
    }

    private JsonNode provision(String request) {
        String id = api.create(request);
        JsonNode env = api.await(id, CONVERGE, "READY", "FAILED");
        assertThat(env.path("status").asString()).as(env.toString()).isEqualTo("READY");
        return env;
    }

    private void tearDown(JsonNode env) {
        String id = env.path("id").asString();
        api.delete("/environments/" + id);
        JsonNode gone = api.await(id, CONVERGE, "DELETED", "DELETE_FAILED");
        assertThat(gone.path("status").asString()).as(gone.toString()).isEqualTo("DELETED");
        assertNothingTagged(REGION, id);
        assertThat(Ec2Inventory.ofEnvironment(ec2(REGION), id).size()).isZero();
    }

    private DBInstance instance(JsonNode env) {
        String identifier = api.get("/environments/" + env.path("id").asString() + "/resources").json().path("items")
                .valueStream().filter(r -> r.path("key").asString().equals("database/instance"))
                .map(r -> r.path("physicalId").asString()).findFirst().orElseThrow();
        try (RdsClient rds = emulated(RdsClient.builder(), REGION)) {
            return rds.describeDBInstances(r -> r.dbInstanceIdentifier(identifier)).dbInstances().getFirst();
        }
    }

    private static List<Double> policies() {
        try (var scaling = emulated(ApplicationAutoScalingClient.builder(), REGION)) {
            return scaling.describeScalingPolicies(r -> r.serviceNamespace(ServiceNamespace.ECS)).scalingPolicies().stream()
                    .map(p -> p.targetTrackingScalingPolicyConfiguration().targetValue()).toList();
        }
    }
}
