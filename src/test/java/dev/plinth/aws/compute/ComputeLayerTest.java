package dev.plinth.aws.compute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.aws.database.DataLayer;
import dev.plinth.aws.iam.IamRoleHandler;
import dev.plinth.aws.iam.IamRolePolicyHandler;
import dev.plinth.aws.iam.PolicyStatement;
import dev.plinth.aws.iam.PolicyStatement.Ref;
import dev.plinth.aws.loadbalancer.LoadBalancerLayer;
import dev.plinth.aws.network.NetworkLayer;
import dev.plinth.aws.storage.StorageLayer;
import dev.plinth.engine.Layer;
import dev.plinth.engine.ResourceKey;
import dev.plinth.engine.ResourceNode;
import dev.plinth.spec.AutoscalingSpec;
import dev.plinth.spec.AutoscalingSpec.ScheduleSpec;
import dev.plinth.spec.DatabaseEngine;
import dev.plinth.spec.DatabaseSpec;
import dev.plinth.spec.DatabaseVariables;
import dev.plinth.spec.EnvironmentSpec;
import dev.plinth.spec.FileSystemSpec;
import dev.plinth.spec.NatGatewayMode;
import dev.plinth.spec.NetworkSpec;
import dev.plinth.spec.ServiceSpec;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;

class ComputeLayerTest {

    private static final List<String> ZONES = List.of("eu-central-1a", "eu-central-1b");
    private static final List<ResourceKey> PRIVATE_SUBNETS =
            ZONES.stream().map(NetworkLayer::privateSubnet).toList();

    private static final AutoscalingSpec SCALING = new AutoscalingSpec(
            null,
            2,
            6,
            60,
            75,
            List.of(
                    new ScheduleSpec("nights", "cron(0 18 ? * MON-FRI *)", 0, 0),
                    new ScheduleSpec("Early_Mornings", "cron(0 8 ? * MON-FRI *)", 2, 6)));

    private static ServiceSpec service(AutoscalingSpec scaling) {
        return new ServiceSpec(
                null,
                "public.ecr.aws/nginx/nginx:stable",
                80,
                256,
                512,
                2,
                "/health",
                Map.of("APP_MODE", "staging"),
                scaling,
                null);
    }

    private static EnvironmentSpec spec(
            DatabaseSpec database, FileSystemSpec fileSystem, ServiceSpec service, NatGatewayMode nat) {
        return new EnvironmentSpec(
                        "web",
                        "eu-central-1",
                        null,
                        Map.of(),
                        new NetworkSpec("10.62.0.0/16", 2, nat),
                        database,
                        fileSystem,
                        service,
                        null,
                        null)
                .withDefaults();
    }

    private static EnvironmentSpec spec(DatabaseSpec database, FileSystemSpec fileSystem, ServiceSpec service) {
        return spec(database, fileSystem, service, NatGatewayMode.SINGLE);
    }

    private static DatabaseSpec database(DatabaseEngine engine, Boolean proxy) {
        return new DatabaseSpec(null, engine, null, null, null, proxy, null, null, null, null, null);
    }

    private static ResourceNode node(List<ResourceNode> nodes, ResourceKey key) {
        return nodes.stream()
                .filter(n -> n.key().equals(key))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no node " + key));
    }

    private static List<ResourceKey> keys(List<ResourceNode> nodes) {
        return nodes.stream().map(ResourceNode::key).toList();
    }

    @Test
    void nothingWithoutAService() {
        assertThat(ComputeLayer.nodes(
                        spec(database(DatabaseEngine.POSTGRES, true), new FileSystemSpec(null, null), null), ZONES))
                .isEmpty();
    }

    @Test
    void aServiceWithAutoscalingAndNoDataHasTheseResources() {
        List<ResourceNode> nodes = ComputeLayer.nodes(spec(null, null, service(SCALING)), ZONES);

        assertThat(keys(nodes))
                .containsExactlyInAnyOrder(
                        ComputeLayer.CLUSTER,
                        ComputeLayer.LOG_GROUP,
                        ComputeLayer.EXECUTION_ROLE,
                        ComputeLayer.EXECUTION_ROLE_POLICY,
                        ComputeLayer.TASK_ROLE,
                        ComputeLayer.TASK_DEFINITION,
                        ComputeLayer.SERVICE,
                        ComputeLayer.SCALABLE_TARGET,
                        ComputeLayer.CPU_POLICY,
                        ComputeLayer.MEMORY_POLICY,
                        ResourceKey.of("scaling", "schedule", "nights"),
                        ResourceKey.of("scaling", "schedule", "early-mornings"));
        assertThat(nodes).extracting(ResourceNode::layer).containsOnly(Layer.APP);
        assertThat(node(nodes, ComputeLayer.LOG_GROUP).desired())
                .isEqualTo(new LogGroupHandler.Desired("/plinth/web/app", 30));
        assertThat(node(nodes, ComputeLayer.EXECUTION_ROLE).desired())
                .isEqualTo(new IamRoleHandler.Desired(
                        "task-execution",
                        "ecs-tasks.amazonaws.com",
                        ((IamRoleHandler.Desired)
                                        node(nodes, ComputeLayer.EXECUTION_ROLE).desired())
                                .description()));
        assertThat(((IamRoleHandler.Desired) node(nodes, ComputeLayer.TASK_ROLE).desired()).role())
                .isEqualTo("task");
    }

    @Test
    void theServiceWaitsForEverythingItRunsOnAndBehind() {
        List<ResourceNode> nodes = ComputeLayer.nodes(spec(null, null, service(null)), ZONES);

        ResourceNode service = node(nodes, ComputeLayer.SERVICE);
        assertThat(service.dependsOn())
                .containsExactlyInAnyOrder(
                        ComputeLayer.CLUSTER,
                        ComputeLayer.TASK_DEFINITION,
                        ComputeLayer.EXECUTION_ROLE_POLICY,
                        LoadBalancerLayer.LISTENER,
                        LoadBalancerLayer.TARGET_GROUP,
                        NetworkLayer.SecurityGroupRole.APP.key(),
                        PRIVATE_SUBNETS.get(0),
                        PRIVATE_SUBNETS.get(1),
                        ResourceKey.of("route", "private-default", "eu-central-1a"),
                        ResourceKey.of("route", "private-default", "eu-central-1b"));
        assertThat(service.desired())
                .isEqualTo(new ServiceHandler.Desired(
                        ComputeLayer.CLUSTER,
                        ComputeLayer.TASK_DEFINITION,
                        LoadBalancerLayer.TARGET_GROUP,
                        PRIVATE_SUBNETS,
                        NetworkLayer.SecurityGroupRole.APP.key(),
                        "app",
                        80,
                        2,
                        false));
        assertThat(node(nodes, ComputeLayer.TASK_DEFINITION).dependsOn())
                .containsExactlyInAnyOrder(ComputeLayer.EXECUTION_ROLE, ComputeLayer.TASK_ROLE, ComputeLayer.LOG_GROUP);
        assertThat(keys(nodes))
                .doesNotContain(
                        ComputeLayer.TASK_ROLE_POLICY,
                        ComputeLayer.SCALABLE_TARGET,
                        ComputeLayer.CPU_POLICY,
                        ComputeLayer.MEMORY_POLICY);
    }

    @Test
    void withoutNatGatewaysTheServiceHasNoEgressToWaitFor() {
        List<ResourceNode> nodes = ComputeLayer.nodes(spec(null, null, service(null), NatGatewayMode.NONE), ZONES);

        assertThat(node(nodes, ComputeLayer.SERVICE).dependsOn())
                .noneMatch(k -> k.value().startsWith("route/"));
    }

    @Test
    void theExecutionRoleMayWriteLogsAndPullImages() {
        List<ResourceNode> nodes = ComputeLayer.nodes(spec(null, null, service(null)), ZONES);

        ResourceNode policy = node(nodes, ComputeLayer.EXECUTION_ROLE_POLICY);
        assertThat(policy.dependsOn()).containsExactlyInAnyOrder(ComputeLayer.EXECUTION_ROLE, ComputeLayer.LOG_GROUP);
        assertThat(((IamRolePolicyHandler.Desired) policy.desired()).statements())
                .containsExactly(
                        new PolicyStatement(
                                List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                                List.of(Ref.attribute(ComputeLayer.LOG_GROUP, ComputeLayer.ARN, ":*"))),
                        new PolicyStatement(
                                List.of(
                                        "ecr:GetAuthorizationToken",
                                        "ecr:BatchCheckLayerAvailability",
                                        "ecr:GetDownloadUrlForLayer",
                                        "ecr:BatchGetImage"),
                                List.of(Ref.literal("*"))));
    }

    static Stream<Arguments> databases() {
        return Stream.of(
                Arguments.of(DatabaseEngine.POSTGRES, true, DataLayer.PROXY, 5432),
                Arguments.of(DatabaseEngine.MYSQL, false, DataLayer.INSTANCE, 3306));
    }

    @ParameterizedTest(name = "{0}, proxy {1}")
    @MethodSource("databases")
    void aRelationalDatabaseGivesTheHostPortAndSecretAndTheServiceWaitsForIt(
            DatabaseEngine engine, boolean proxy, ResourceKey connectTo, int port) {
        EnvironmentSpec spec = spec(database(engine, proxy), null, service(null));
        List<ResourceNode> nodes = ComputeLayer.nodes(spec, ZONES);

        ResourceNode taskDefinition = node(nodes, ComputeLayer.TASK_DEFINITION);
        var desired = (TaskDefinitionHandler.Desired) taskDefinition.desired();
        assertThat(desired.database())
                .isEqualTo(new TaskDefinitionHandler.Database(
                        connectTo, DataLayer.INSTANCE, port, DatabaseVariables.DEFAULT));
        assertThat(desired.table()).isNull();
        assertThat(taskDefinition.dependsOn()).contains(connectTo, DataLayer.INSTANCE);

        ResourceNode policy = node(nodes, ComputeLayer.EXECUTION_ROLE_POLICY);
        assertThat(((IamRolePolicyHandler.Desired) policy.desired()).statements())
                .contains(new PolicyStatement(
                        List.of("secretsmanager:GetSecretValue"),
                        List.of(Ref.attribute(DataLayer.INSTANCE, DataLayer.SECRET_ARN))));
        assertThat(policy.dependsOn()).contains(DataLayer.INSTANCE);

        assertThat(keys(nodes)).doesNotContain(ComputeLayer.TASK_ROLE_POLICY);
        assertThat(node(nodes, ComputeLayer.SERVICE).dependsOn()).containsAll(DataLayer.readyForApp(spec));
    }

    @Test
    void aDynamoDbTableGivesItsNameAndTheTaskRoleItsItems() {
        EnvironmentSpec spec = spec(database(DatabaseEngine.DYNAMODB, null), null, service(null));
        List<ResourceNode> nodes = ComputeLayer.nodes(spec, ZONES);

        ResourceNode taskDefinition = node(nodes, ComputeLayer.TASK_DEFINITION);
        var desired = (TaskDefinitionHandler.Desired) taskDefinition.desired();
        assertThat(desired.database()).isNull();
        assertThat(desired.table()).isEqualTo(DataLayer.TABLE);
        assertThat(taskDefinition.dependsOn()).contains(DataLayer.TABLE);

        ResourceNode policy = node(nodes, ComputeLayer.TASK_ROLE_POLICY);
        assertThat(policy.dependsOn()).containsExactlyInAnyOrder(ComputeLayer.TASK_ROLE, DataLayer.TABLE);
        assertThat(((IamRolePolicyHandler.Desired) policy.desired()).statements())
                .containsExactly(new PolicyStatement(
                        List.of(
                                "dynamodb:GetItem",
                                "dynamodb:PutItem",
                                "dynamodb:UpdateItem",
                                "dynamodb:DeleteItem",
                                "dynamodb:Query",
                                "dynamodb:Scan",
                                "dynamodb:BatchGetItem",
                                "dynamodb:BatchWriteItem"),
                        List.of(
                                Ref.attribute(DataLayer.TABLE, DataLayer.ARN),
                                Ref.attribute(DataLayer.TABLE, DataLayer.ARN, "/index/*"))));
        assertThat(((IamRolePolicyHandler.Desired)
                                node(nodes, ComputeLayer.EXECUTION_ROLE_POLICY).desired())
                        .statements())
                .hasSize(2);
        assertThat(node(nodes, ComputeLayer.SERVICE).dependsOn())
                .contains(DataLayer.TABLE, ComputeLayer.TASK_ROLE_POLICY);
    }

    @Test
    void aFileSystemIsMountedThroughItsAccessPointAndTheServiceWaitsForItsMountTargets() {
        EnvironmentSpec spec = spec(null, new FileSystemSpec(null, "/var/www/html/wp-content"), service(null));
        List<ResourceNode> nodes = ComputeLayer.nodes(spec, ZONES);

        ResourceNode taskDefinition = node(nodes, ComputeLayer.TASK_DEFINITION);
        assertThat(((TaskDefinitionHandler.Desired) taskDefinition.desired()).fileSystem())
                .isEqualTo(new TaskDefinitionHandler.FileSystem(
                        StorageLayer.FILE_SYSTEM, StorageLayer.ACCESS_POINT, "/var/www/html/wp-content"));
        assertThat(taskDefinition.dependsOn()).contains(StorageLayer.FILE_SYSTEM, StorageLayer.ACCESS_POINT);

        ResourceNode policy = node(nodes, ComputeLayer.TASK_ROLE_POLICY);
        assertThat(((IamRolePolicyHandler.Desired) policy.desired()).statements())
                .containsExactly(new PolicyStatement(
                        List.of("elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"),
                        List.of(Ref.attribute(StorageLayer.FILE_SYSTEM, StorageLayer.ARN))));
        assertThat(node(nodes, ComputeLayer.SERVICE).dependsOn())
                .containsAll(StorageLayer.readyForApp(spec, ZONES))
                .contains(
                        StorageLayer.mountTarget("eu-central-1a"),
                        StorageLayer.mountTarget("eu-central-1b"),
                        ComputeLayer.TASK_ROLE_POLICY);
    }

    @Test
    void everythingTogether() {
        EnvironmentSpec spec =
                spec(database(DatabaseEngine.MYSQL, true), new FileSystemSpec(null, null), service(SCALING));
        List<ResourceNode> nodes = ComputeLayer.nodes(spec, ZONES);

        var taskPolicy = (IamRolePolicyHandler.Desired)
                node(nodes, ComputeLayer.TASK_ROLE_POLICY).desired();
        assertThat(taskPolicy.statements()).hasSize(1);
        assertThat(node(nodes, ComputeLayer.SERVICE).dependsOn())
                .contains(
                        DataLayer.PROXY,
                        DataLayer.PROXY_TARGET,
                        DataLayer.INSTANCE,
                        StorageLayer.FILE_SYSTEM,
                        StorageLayer.ACCESS_POINT);
        assertThat(((TaskDefinitionHandler.Desired)
                                node(nodes, ComputeLayer.TASK_DEFINITION).desired())
                        .fileSystem()
                        .mountPath())
                .isEqualTo("/data");
    }

    @Test
    void autoscalingHangsOffTheServiceThroughTheScalableTarget() {
        List<ResourceNode> nodes = ComputeLayer.nodes(spec(null, null, service(SCALING)), ZONES);

        assertThat(((ServiceHandler.Desired) node(nodes, ComputeLayer.SERVICE).desired()).autoscaled())
                .isTrue();
        ResourceNode target = node(nodes, ComputeLayer.SCALABLE_TARGET);
        assertThat(target.desired())
                .isEqualTo(new ScalableTargetHandler.Desired(
                        ComputeLayer.CLUSTER,
                        ComputeLayer.SERVICE,
                        2,
                        6,
                        List.of(
                                new ScalableTargetHandler.Schedule(
                                        ComputeLayer.schedule("nights"), "cron(0 18 ? * MON-FRI *)", 0, 0),
                                new ScalableTargetHandler.Schedule(
                                        ComputeLayer.schedule("Early_Mornings"), "cron(0 8 ? * MON-FRI *)", 2, 6))));
        assertThat(target.dependsOn()).containsExactlyInAnyOrder(ComputeLayer.CLUSTER, ComputeLayer.SERVICE);

        assertThat(node(nodes, ComputeLayer.CPU_POLICY).desired())
                .isEqualTo(new ScalingPolicyHandler.Desired(
                        ComputeLayer.SCALABLE_TARGET, MetricType.ECS_SERVICE_AVERAGE_CPU_UTILIZATION, 60));
        assertThat(node(nodes, ComputeLayer.MEMORY_POLICY).desired())
                .isEqualTo(new ScalingPolicyHandler.Desired(
                        ComputeLayer.SCALABLE_TARGET, MetricType.ECS_SERVICE_AVERAGE_MEMORY_UTILIZATION, 75));
        assertThat(node(nodes, ComputeLayer.schedule("nights")).desired())
                .isEqualTo(new ScheduledActionHandler.Desired(
                        ComputeLayer.SCALABLE_TARGET, "cron(0 18 ? * MON-FRI *)", 0, 0));
        assertThat(node(nodes, ComputeLayer.schedule("Early_Mornings")).desired())
                .isEqualTo(new ScheduledActionHandler.Desired(
                        ComputeLayer.SCALABLE_TARGET, "cron(0 8 ? * MON-FRI *)", 2, 6));
    }

    @Test
    void theChangesToTheScalableTargetAreMadeOneAfterAnother() {
        List<ResourceNode> nodes = ComputeLayer.nodes(spec(null, null, service(SCALING)), ZONES);

        assertThat(node(nodes, ComputeLayer.CPU_POLICY).dependsOn()).containsExactly(ComputeLayer.SCALABLE_TARGET);
        assertThat(node(nodes, ComputeLayer.MEMORY_POLICY).dependsOn())
                .containsExactlyInAnyOrder(ComputeLayer.SCALABLE_TARGET, ComputeLayer.CPU_POLICY);
        assertThat(node(nodes, ComputeLayer.schedule("nights")).dependsOn())
                .containsExactlyInAnyOrder(ComputeLayer.SCALABLE_TARGET, ComputeLayer.MEMORY_POLICY);
        assertThat(node(nodes, ComputeLayer.schedule("Early_Mornings")).dependsOn())
                .containsExactlyInAnyOrder(ComputeLayer.SCALABLE_TARGET, ComputeLayer.schedule("nights"));
    }

    @Test
    void noMemoryPolicyWithoutAMemoryTargetAndTheCpuTargetDefaultsTo60() {
        var scaling = new AutoscalingSpec(null, null, 4, null, null, null);
        List<ResourceNode> nodes = ComputeLayer.nodes(spec(null, null, service(scaling)), ZONES);

        assertThat(keys(nodes))
                .contains(ComputeLayer.CPU_POLICY)
                .doesNotContain(ComputeLayer.MEMORY_POLICY)
                .noneMatch(k -> k.value().startsWith("scaling/schedule/"));
        assertThat(((ScalingPolicyHandler.Desired)
                                node(nodes, ComputeLayer.CPU_POLICY).desired())
                        .targetValue())
                .isEqualTo(60);
        assertThat(node(nodes, ComputeLayer.SCALABLE_TARGET).desired())
                .isEqualTo(
                        new ScalableTargetHandler.Desired(ComputeLayer.CLUSTER, ComputeLayer.SERVICE, 1, 4, List.of()));
    }
}
