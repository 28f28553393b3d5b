package dev.plinth.aws.compute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.aws.database.DataLayer;
import dev.plinth.aws.storage.StorageLayer;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceKey;
import dev.plinth.engine.ResourceRecord;
import dev.plinth.engine.ResourceState;
import dev.plinth.spec.DatabaseVariables;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/** What the task definition handler registers, and what it counts as a difference. */
class TaskDefinitionHandlerTest {

    private static final String SECRET = "arn:aws:secretsmanager:eu-central-1:123456789012:secret:rds!db-1a2b-Xy12Zq";

    private static ResourceRecord ready(ResourceKey key, String id, Map<String, String> attributes) {
        Instant now = Instant.now();
        return new ResourceRecord(
                "env-1", key, "kind", ResourceState.READY, id, 0, null, null, attributes, null, now, now, null);
    }

    private static ResourceContext context() {
        var dependencies = new HashMap<ResourceKey, ResourceRecord>();
        dependencies.put(
                ComputeLayer.EXECUTION_ROLE,
                ready(
                        ComputeLayer.EXECUTION_ROLE,
                        "plinth-web-task-execution",
                        Map.of("arn", "arn:aws:iam::123456789012:role/plinth-web-task-execution")));
        dependencies.put(
                ComputeLayer.TASK_ROLE,
                ready(
                        ComputeLayer.TASK_ROLE,
                        "plinth-web-task",
                        Map.of("arn", "arn:aws:iam::123456789012:role/plinth-web-task")));
        dependencies.put(ComputeLayer.LOG_GROUP, ready(ComputeLayer.LOG_GROUP, "/plinth/web/app", Map.of()));
        dependencies.put(
                DataLayer.PROXY,
                ready(
                        DataLayer.PROXY,
                        "web-proxy",
                        Map.of(DataLayer.ENDPOINT, "web-proxy.proxy-abc.eu-central-1.rds.amazonaws.com")));
        dependencies.put(
                DataLayer.INSTANCE,
                ready(
                        DataLayer.INSTANCE,
                        "web-db",
                        Map.of(
                                DataLayer.SECRET_ARN,
                                SECRET,
                                DataLayer.ENDPOINT,
                                "web-db.abc.eu-central-1.rds.amazonaws.com")));
        dependencies.put(
                DataLayer.TABLE, ready(DataLayer.TABLE, "web-table", Map.of(DataLayer.TABLE_NAME, "web-table")));
        dependencies.put(StorageLayer.FILE_SYSTEM, ready(StorageLayer.FILE_SYSTEM, "fs-0123", Map.of()));
        dependencies.put(StorageLayer.ACCESS_POINT, ready(StorageLayer.ACCESS_POINT, "fsap-0456", Map.of()));
        return ResourceContext.of(
                "env-1", "web", "eu-central-1", ComputeLayer.TASK_DEFINITION, null, dependencies, Map.of());
    }

    private static TaskDefinitionHandler.Desired desired(
            TaskDefinitionHandler.Database database, ResourceKey table, TaskDefinitionHandler.FileSystem fileSystem) {
        return new TaskDefinitionHandler.Desired(
                "public.ecr.aws/nginx/nginx:stable",
                8080,
                512,
                1024,
                Map.of("APP_MODE", "staging"),
                ComputeLayer.EXECUTION_ROLE,
                ComputeLayer.TASK_ROLE,
                ComputeLayer.LOG_GROUP,
                database,
                table,
                fileSystem);
    }

    private static Map<String, String> environment(ContainerDefinition c) {
        var map = new HashMap<String, String>();
        c.environment().forEach(p -> map.put(p.name(), p.value()));
        return map;
    }

    /** The revision AWS would register for the request (AWS adds defaults of its own; those must not count). */
    private static TaskDefinition registered(RegisterTaskDefinitionRequest r) {
        return TaskDefinition.builder()
                .taskDefinitionArn("arn:aws:ecs:eu-central-1:123456789012:task-definition/web-task-definition:1")
                .family(r.family())
                .cpu(r.cpu())
                .memory(r.memory())
                .executionRoleArn(r.executionRoleArn())
                .taskRoleArn(r.taskRoleArn())
                .networkMode(r.networkMode())
                .volumes(r.volumes())
                .containerDefinitions(r.containerDefinitions().getFirst().toBuilder()
                        .cpu(0)
                        .portMappings(r.containerDefinitions().getFirst().portMappings().getFirst().toBuilder()
                                .hostPort(8080)
                                .build())
                        .environment(r.containerDefinitions()
                                .getFirst()
                                .environment()
                                .reversed())
                        .build())
                .build();
    }

    @Test
    void aBareServiceGetsItsImagePortEnvironmentAndLogs() {
        RegisterTaskDefinitionRequest request = TaskDefinitionHandler.request(context(), desired(null, null, null));

        assertThat(request.family()).isEqualTo("web-task-definition");
        assertThat(request.requiresCompatibilitiesAsStrings()).containsExactly("FARGATE");
        assertThat(request.networkModeAsString()).isEqualTo("awsvpc");
        assertThat(request.cpu()).isEqualTo("512");
        assertThat(request.memory()).isEqualTo("1024");
        assertThat(request.executionRoleArn()).isEqualTo("arn:aws:iam::123456789012:role/plinth-web-task-execution");
        assertThat(request.taskRoleArn()).isEqualTo("arn:aws:iam::123456789012:role/plinth-web-task");
        assertThat(request.volumes()).isEmpty();
        assertThat(request.tags()).anySatisfy(t -> assertThat(t.key()).isEqualTo("plinth:environment-id"));
        assertThat(request.containerDefinitions()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("app");
            assertThat(c.image()).isEqualTo("public.ecr.aws/nginx/nginx:stable");
            assertThat(c.essential()).isTrue();
            assertThat(c.portMappings()).singleElement().satisfies(p -> {
                assertThat(p.containerPort()).isEqualTo(8080);
                assertThat(p.protocolAsString()).isEqualTo("tcp");
            });
            assertThat(environment(c)).containsExactly(Map.entry("APP_MODE", "staging"));
            assertThat(c.secrets()).isEmpty();
            assertThat(c.mountPoints()).isEmpty();
            assertThat(c.logConfiguration().logDriverAsString()).isEqualTo("awslogs");
            assertThat(c.logConfiguration().options())
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "awslogs-group",
                            "/plinth/web/app",
                            "awslogs-region",
                            "eu-central-1",
                            "awslogs-stream-prefix",
                            "app"));
        });
    }

    @Test
    void aRelationalDatabaseGivesHostAndPortAndTheCredentialsAsSecrets() {
        RegisterTaskDefinitionRequest request = TaskDefinitionHandler.request(
                context(),
                desired(
                        new TaskDefinitionHandler.Database(
                                DataLayer.PROXY, DataLayer.INSTANCE, 5432, DatabaseVariables.DEFAULT),
                        null,
                        null));

        ContainerDefinition c = request.containerDefinitions().getFirst();
        assertThat(environment(c))
                .containsOnly(
                        Map.entry("APP_MODE", "staging"),
                        Map.entry("DB_HOST", "web-proxy.proxy-abc.eu-central-1.rds.amazonaws.com"),
                        Map.entry("DB_PORT", "5432"));
        assertThat(c.secrets())
                .containsExactly(
                        Secret.builder()
                                .name("DB_USERNAME")
                                .valueFrom(SECRET + ":username::")
                                .build(),
                        Secret.builder()
                                .name("DB_PASSWORD")
                                .valueFrom(SECRET + ":password::")
                                .build());
    }

    @Test
    void theConnectionComesUnderTheNamesTheSpecGivesTheCredentialsStillAsSecrets() {
        var wordpress =
                new DatabaseVariables("WORDPRESS_DB_HOST", "DB_PORT", "WORDPRESS_DB_USER", "WORDPRESS_DB_PASSWORD");
        RegisterTaskDefinitionRequest request = TaskDefinitionHandler.request(
                context(),
                desired(
                        new TaskDefinitionHandler.Database(DataLayer.PROXY, DataLayer.INSTANCE, 3306, wordpress),
                        null,
                        null));

        ContainerDefinition c = request.containerDefinitions().getFirst();
        assertThat(environment(c))
                .containsOnly(
                        Map.entry("APP_MODE", "staging"),
                        Map.entry("WORDPRESS_DB_HOST", "web-proxy.proxy-abc.eu-central-1.rds.amazonaws.com"),
                        Map.entry("DB_PORT", "3306"));
        assertThat(c.secrets())
                .containsExactly(
                        Secret.builder()
                                .name("WORDPRESS_DB_USER")
                                .valueFrom(SECRET + ":username::")
                                .build(),
                        Secret.builder()
                                .name("WORDPRESS_DB_PASSWORD")
                                .valueFrom(SECRET + ":password::")
                                .build());
    }

    @Test
    void aTableGivesItsName() {
        RegisterTaskDefinitionRequest request =
                TaskDefinitionHandler.request(context(), desired(null, DataLayer.TABLE, null));

        assertThat(environment(request.containerDefinitions().getFirst()))
                .containsOnly(Map.entry("APP_MODE", "staging"), Map.entry("DYNAMODB_TABLE", "web-table"));
    }

    @Test
    void aFileSystemIsAnEncryptedIamAuthorisedVolumeThroughTheAccessPoint() {
        RegisterTaskDefinitionRequest request = TaskDefinitionHandler.request(
                context(),
                desired(
                        null,
                        null,
                        new TaskDefinitionHandler.FileSystem(
                                StorageLayer.FILE_SYSTEM, StorageLayer.ACCESS_POINT, "/data")));

        assertThat(request.volumes()).singleElement().satisfies(v -> {
            assertThat(v.name()).isEqualTo("data");
            assertThat(v.efsVolumeConfiguration().fileSystemId()).isEqualTo("fs-0123");
            assertThat(v.efsVolumeConfiguration().transitEncryptionAsString()).isEqualTo("ENABLED");
            assertThat(v.efsVolumeConfiguration().authorizationConfig().accessPointId())
                    .isEqualTo("fsap-0456");
            assertThat(v.efsVolumeConfiguration().authorizationConfig().iamAsString())
                    .isEqualTo("ENABLED");
        });
        assertThat(request.containerDefinitions().getFirst().mountPoints())
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.sourceVolume()).isEqualTo("data");
                    assertThat(m.containerPath()).isEqualTo("/data");
                });
    }

    @Test
    void whatAwsAddsIsNoDifferenceButAChangedSettingIs() {
        var fileSystem =
                new TaskDefinitionHandler.FileSystem(StorageLayer.FILE_SYSTEM, StorageLayer.ACCESS_POINT, "/data");
        var database = new TaskDefinitionHandler.Database(
                DataLayer.PROXY, DataLayer.INSTANCE, 5432, DatabaseVariables.DEFAULT);
        RegisterTaskDefinitionRequest wanted =
                TaskDefinitionHandler.request(context(), desired(database, null, fileSystem));

        assertThat(TaskDefinitionHandler.differences(registered(wanted), wanted))
                .isEmpty();

        TaskDefinition changed = registered(wanted).toBuilder()
                .memory("2048")
                .containerDefinitions(registered(wanted).containerDefinitions().getFirst().toBuilder()
                        .image("nginx:old")
                        .environment(KeyValuePair.builder()
                                .name("APP_MODE")
                                .value("production")
                                .build())
                        .build())
                .build();
        assertThat(TaskDefinitionHandler.differences(changed, wanted))
                .extracting(d -> d.attribute())
                .containsExactly("memory", "image", "environment");
    }

    @Test
    void aRevisionWithoutTheAppContainerDiffers() {
        RegisterTaskDefinitionRequest wanted = TaskDefinitionHandler.request(context(), desired(null, null, null));
        TaskDefinition other = registered(wanted).toBuilder()
                .containerDefinitions(wanted.containerDefinitions().getFirst().toBuilder()
                        .name("web")
                        .build())
                .build();

        assertThat(TaskDefinitionHandler.differences(other, wanted))
                .extracting(d -> d.attribute())
                .containsExactly("container");
    }
}
