package dev.plinth.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.testing.Ec2Inventory;
import dev.plinth.testing.EndToEndTest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.efs.EfsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Each preset, from its name and an image, reaches READY with what its reference stack has, and tears down to nothing. */
class PresetsIT extends EndToEndTest {

    private static final String REGION = "eu-central-1";
    private static final String IMAGE = "public.ecr.aws/nginx/nginx:stable";
    private static final Map<String, String> DEFAULT_SECRETS =
            Map.of("DB_USERNAME", "username", "DB_PASSWORD", "password");

    @Test
    void theCatalogListsTheFourReferenceStacks() {
        JsonNode presets = api.get("/presets").json().path("items");
        assertThat(presets.valueStream().map(p -> p.path("name").asString()))
                .containsExactly("monitored-app", "spa-api", "web-app", "wordpress");
        assertThat(api.get("/presets/wordpress")
                        .json()
                        .at("/spec/database/engine")
                        .asString())
                .isEqualTo("mysql");
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
            assertThat(efs.describeMountTargets(
                                    r -> r.fileSystemId(out.path("fileSystemId").asString()))
                            .mountTargets())
                    .hasSize(2);
        }
        assertThat(out.path("natGatewayIds")).hasSize(2);
        assertThat(out.path("url").asString()).startsWith("https://");
        assertThat(policies()).hasSize(2);

        // the variables the official wordpress image reads (its wp-config-docker.php)
        ContainerDefinition app = containerReadingOnlySecretsAsSecrets(
                env, Map.of("WORDPRESS_DB_USER", "username", "WORDPRESS_DB_PASSWORD", "password"));
        assertThat(environment(app))
                .containsEntry(
                        "WORDPRESS_DB_HOST", out.path("databaseProxyEndpoint").asString())
                .containsEntry("WORDPRESS_DB_NAME", "wordpress")
                .containsEntry("WORDPRESS_CONFIG_EXTRA", "define('MYSQL_CLIENT_FLAGS', MYSQLI_CLIENT_SSL);");
        // the image creates no database: RDS makes the one it names with the instance
        assertThat(db.dbName()).isEqualTo(environment(app).get("WORDPRESS_DB_NAME"));
        try (RdsClient rds = emulated(RdsClient.builder(), REGION)) {
            assertThat(rds.describeDBProxies(r -> {}).dbProxies())
                    .singleElement()
                    .satisfies(p -> assertThat(p.requireTLS())
                            .as("the client flag above speaks TLS to it")
                            .isTrue());
        }

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
            assertThat(scaling.describeScheduledActions(r -> r.serviceNamespace(ServiceNamespace.ECS))
                            .scheduledActions())
                    .extracting(
                            a -> a.schedule() + " " + a.scalableTargetAction().minCapacity() + ".."
                                    + a.scalableTargetAction().maxCapacity())
                    .containsExactlyInAnyOrder("cron(0 18 ? * MON-FRI *) 0..0", "cron(0 8 ? * MON-FRI *) 2..6");
        }
        assertThat(policies()).singleElement().isEqualTo(60.0);
        assertThat(environment(containerReadingOnlySecretsAsSecrets(env, DEFAULT_SECRETS)))
                .containsEntry("DB_HOST", env.at("/outputs/databaseEndpoint").asString());

        tearDown(env);
    }

    @Test
    void monitoredAppKeepsItsDataInDynamoDbAndHasTheNineAlarms() {
        JsonNode env = provision("""
                {"name": "watched-app", "region": "eu-central-1", "preset": "monitored-app", "service": {"image": "%s"}}""".formatted(IMAGE));

        try (DynamoDbClient dynamo = emulated(DynamoDbClient.builder(), REGION)) {
            assertThat(dynamo.describeTable(r ->
                                    r.tableName(env.at("/outputs/tableName").asString()))
                            .table()
                            .tableName())
                    .isNotBlank();
        }
        try (CloudWatchClient cloudWatch = emulated(CloudWatchClient.builder(), REGION)) {
            assertThat(cloudWatch
                            .describeAlarms(r -> r.alarmNamePrefix("watched-app-"))
                            .metricAlarms())
                    .hasSize(9);
        }
        containerReadingOnlySecretsAsSecrets(env, Map.of());

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
            var config = cloudFront
                    .getDistribution(r -> r.id(out.path("distributionId").asString()))
                    .distribution()
                    .distributionConfig();
            assertThat(config.origins().items()).hasSize(2);
            assertThat(config.cacheBehaviors().items())
                    .extracting(b -> b.pathPattern())
                    .containsExactly("/api/*");
        }
        assertThat(environment(containerReadingOnlySecretsAsSecrets(env, DEFAULT_SECRETS)))
                .containsEntry("DB_HOST", out.path("databaseEndpoint").asString());

        tearDown(env);
    }

    /**
     * The app container of the task definition the emulator has registered, checked: its secrets are
     * exactly {@code expected} (variable name to JSON key), each a {@code secrets} entry whose
     * {@code valueFrom} is the database's managed secret ARN and key; the task execution role may read
     * that one secret and no other (none at all without); and no plain environment value holds the
     * secret's password or is named like one.
     */
    private ContainerDefinition containerReadingOnlySecretsAsSecrets(JsonNode env, Map<String, String> expected) {
        JsonNode out = env.path("outputs");
        try (EcsClient ecs = emulated(EcsClient.builder(), REGION);
                IamClient iam = emulated(IamClient.builder(), "us-east-1")) {
            String taskDefinition = ecs.describeServices(
                            r -> r.cluster(out.path("clusterName").asString())
                                    .services(out.path("serviceName").asString()))
                    .services()
                    .getFirst()
                    .taskDefinition();
            TaskDefinition task = ecs.describeTaskDefinition(r -> r.taskDefinition(taskDefinition))
                    .taskDefinition();
            ContainerDefinition app = task.containerDefinitions().getFirst();
            String secret = out.path("databaseSecretArn").asString(null);

            assertThat(app.secrets().stream().collect(Collectors.toMap(Secret::name, Secret::valueFrom)))
                    .isEqualTo(expected.entrySet().stream()
                            .collect(Collectors.toMap(Map.Entry::getKey, e -> secret + ":" + e.getValue() + "::")));
            String role =
                    task.executionRoleArn().substring(task.executionRoleArn().lastIndexOf('/') + 1);
            JsonNode policy = JsonMapper.shared()
                    .readTree(URLDecoder.decode(
                            iam.getRolePolicy(r -> r.roleName(role).policyName("task-execution"))
                                    .policyDocument(),
                            StandardCharsets.UTF_8));
            List<JsonNode> readsSecrets = policy.path("Statement")
                    .valueStream()
                    .filter(st -> values(st.path("Action")).contains("secretsmanager:GetSecretValue"))
                    .toList();
            if (expected.isEmpty()) {
                assertThat(readsSecrets).as("no secret to read").isEmpty();
            } else {
                assertThat(readsSecrets)
                        .singleElement()
                        .satisfies(st -> assertThat(values(st.path("Resource")))
                                .as("the execution role reads exactly the database's secret")
                                .containsExactly(secret));
                try (SecretsManagerClient secrets = emulated(SecretsManagerClient.builder(), REGION)) {
                    String password = JsonMapper.shared()
                            .readTree(secrets.getSecretValue(r -> r.secretId(secret))
                                    .secretString())
                            .path("password")
                            .asString();
                    assertThat(password).isNotBlank();
                    assertThat(app.environment())
                            .noneSatisfy(e -> assertThat(e.value()).contains(password));
                }
            }
            assertThat(app.environment())
                    .extracting(KeyValuePair::name)
                    .noneMatch(name -> name.contains("PASSWORD") || name.contains("SECRET"));
            return app;
        }
    }

    private static Map<String, String> environment(ContainerDefinition app) {
        return app.environment().stream().collect(Collectors.toMap(KeyValuePair::name, KeyValuePair::value));
    }

    /** An IAM policy's Action or Resource: one string or a list of them. */
    private static List<String> values(JsonNode node) {
        return node.isArray() ? node.valueStream().map(JsonNode::asString).toList() : List.of(node.asString());
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
        String identifier = api.get("/environments/" + env.path("id").asString() + "/resources")
                .json()
                .path("items")
                .valueStream()
                .filter(r -> r.path("key").asString().equals("database/instance"))
                .map(r -> r.path("physicalId").asString())
                .findFirst()
                .orElseThrow();
        try (RdsClient rds = emulated(RdsClient.builder(), REGION)) {
            return rds.describeDBInstances(r -> r.dbInstanceIdentifier(identifier))
                    .dbInstances()
                    .getFirst();
        }
    }

    private static List<Double> policies() {
        try (var scaling = emulated(ApplicationAutoScalingClient.builder(), REGION)) {
            return scaling
                    .describeScalingPolicies(r -> r.serviceNamespace(ServiceNamespace.ECS))
                    .scalingPolicies()
                    .stream()
                    .map(p -> p.targetTrackingScalingPolicyConfiguration().targetValue())
                    .toList();
        }
    }
}
