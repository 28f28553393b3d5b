package dev.plinth.aws.compute;

import dev.plinth.aws.database.DataLayer;
import dev.plinth.aws.iam.IamRoleHandler;
import dev.plinth.aws.iam.IamRolePolicyHandler;
import dev.plinth.aws.iam.PolicyStatement;
import dev.plinth.aws.iam.PolicyStatement.Ref;
import dev.plinth.aws.loadbalancer.LoadBalancerLayer;
import dev.plinth.aws.network.NetworkLayer;
import dev.plinth.aws.storage.StorageLayer;
import dev.plinth.engine.Layer;
import dev.plinth.engine.LayerNodes;
import dev.plinth.engine.ResourceDesired;
import dev.plinth.engine.ResourceKey;
import dev.plinth.engine.ResourceNode;
import dev.plinth.spec.AutoscalingSpec;
import dev.plinth.spec.EnvironmentSpec;
import dev.plinth.spec.ServiceSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;

/**
 * The compute part of the app layer as data: an ECS cluster, a log group, the task execution role
 * and the task role (each with its inline policy), a Fargate task definition (the database secret as
 * a container secret, the database host, the file system volume, the spec's environment), the
 * service in the private subnets behind the target group (deployment circuit breaker with rollback),
 * and its autoscaling: scalable target, CPU and memory target tracking, scheduled actions.
 */
public final class ComputeLayer {

    public static final ResourceKey CLUSTER = ResourceKey.of("cluster");
    public static final ResourceKey LOG_GROUP = ResourceKey.of("log-group");
    public static final ResourceKey EXECUTION_ROLE = ResourceKey.of("role", "task-execution");
    public static final ResourceKey EXECUTION_ROLE_POLICY = ResourceKey.of("role", "task-execution-policy");
    public static final ResourceKey TASK_ROLE = ResourceKey.of("role", "task");
    public static final ResourceKey TASK_ROLE_POLICY = ResourceKey.of("role", "task-policy");
    public static final ResourceKey TASK_DEFINITION = ResourceKey.of("task-definition");
    public static final ResourceKey SERVICE = ResourceKey.of("service");
    public static final ResourceKey SCALABLE_TARGET = ResourceKey.of("scaling", "target");
    public static final ResourceKey CPU_POLICY = ResourceKey.of("scaling", "policy", "cpu");
    public static final ResourceKey MEMORY_POLICY = ResourceKey.of("scaling", "policy", "memory");

    /** On {@link #CLUSTER} and {@link #SERVICE}: the name (the CloudWatch dimensions ClusterName and ServiceName). */
    public static final String NAME = "name";
    /** On {@link #CLUSTER}, {@link #TASK_DEFINITION}, {@link #SERVICE} and {@link #LOG_GROUP}: the ARN. */
    public static final String ARN = "arn";

    /** How long the app's logs are kept. */
    public static final int LOG_RETENTION_DAYS = 30;

    static final String ECS_TASKS = "ecs-tasks.amazonaws.com";

    static final List<String> ECR_PULL = List.of(
            "ecr:GetAuthorizationToken",
            "ecr:BatchCheckLayerAvailability",
            "ecr:GetDownloadUrlForLayer",
            "ecr:BatchGetImage");
    static final List<String> LOG_WRITE = List.of("logs:CreateLogStream", "logs:PutLogEvents");
    static final List<String> SECRET_READ = List.of("secretsmanager:GetSecretValue");
    static final List<String> EFS_MOUNT = List.of("elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite");
    static final List<String> DYNAMODB_ITEMS = List.of(
            "dynamodb:GetItem",
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
            "dynamodb:DeleteItem",
            "dynamodb:Query",
            "dynamodb:Scan",
            "dynamodb:BatchGetItem",
            "dynamodb:BatchWriteItem");

    private ComputeLayer() {}

    public static ResourceKey schedule(String name) {
        return ResourceKey.of("scaling", "schedule", name.toLowerCase().replace('_', '-'));
    }

    /** The log group of an environment's app. */
    static String logGroupName(String environmentName) {
        return "/plinth/" + environmentName + "/app";
    }

    /** The resources of the compute layer; none without a service section. */
    public static List<ResourceNode> nodes(EnvironmentSpec spec, List<String> zones) {
        if (!spec.hasService()) {
            return List.of();
        }
        ServiceSpec service = spec.service();
        var nodes = new Nodes();

        nodes.add(CLUSTER, new ClusterHandler.Desired());
        nodes.add(LOG_GROUP, new LogGroupHandler.Desired(logGroupName(spec.name()), LOG_RETENTION_DAYS));

        nodes.add(
                EXECUTION_ROLE,
                new IamRoleHandler.Desired(
                        "task-execution",
                        ECS_TASKS,
                        "the ECS agent: pulls the image, writes the logs, reads container secrets"));
        var execution = new ArrayList<PolicyStatement>(List.of(
                new PolicyStatement(LOG_WRITE, List.of(Ref.attribute(LOG_GROUP, ARN, ":*"))),
                new PolicyStatement(ECR_PULL, List.of(Ref.literal("*")))));
        if (spec.hasRelationalDatabase()) {
            execution.add(
                    new PolicyStatement(SECRET_READ, List.of(Ref.attribute(DataLayer.INSTANCE, DataLayer.SECRET_ARN))));
        }
        nodes.policy(EXECUTION_ROLE_POLICY, EXECUTION_ROLE, "task-execution", execution);

        nodes.add(TASK_ROLE, new IamRoleHandler.Desired("task", ECS_TASKS, "the app's tasks"));
        var task = new ArrayList<PolicyStatement>();
        if (spec.hasFileSystem()) {
            task.add(
                    new PolicyStatement(EFS_MOUNT, List.of(Ref.attribute(StorageLayer.FILE_SYSTEM, StorageLayer.ARN))));
        }
        if (spec.hasDatabase() && !spec.hasRelationalDatabase()) {
            task.add(new PolicyStatement(
                    DYNAMODB_ITEMS,
                    List.of(
                            Ref.attribute(DataLayer.TABLE, DataLayer.ARN),
                            Ref.attribute(DataLayer.TABLE, DataLayer.ARN, "/index/*"))));
        }
        if (!task.isEmpty()) {
            nodes.policy(TASK_ROLE_POLICY, TASK_ROLE, "task", task);
        }

        var taskDefinitionNeeds = new LinkedHashSet<>(List.of(EXECUTION_ROLE, TASK_ROLE, LOG_GROUP));
        TaskDefinitionHandler.Database database = null;
        ResourceKey table = null;
        TaskDefinitionHandler.FileSystem fileSystem = null;
        if (spec.hasRelationalDatabase()) {
            database = new TaskDefinitionHandler.Database(
                    DataLayer.connectionTarget(spec),
                    DataLayer.INSTANCE,
                    spec.database().engine().port(),
                    service.databaseVariables());
            taskDefinitionNeeds.addAll(List.of(DataLayer.connectionTarget(spec), DataLayer.INSTANCE));
        } else if (spec.hasDatabase()) {
            table = DataLayer.TABLE;
            taskDefinitionNeeds.add(DataLayer.TABLE);
        }
        if (spec.hasFileSystem()) {
            fileSystem = new TaskDefinitionHandler.FileSystem(
                    StorageLayer.FILE_SYSTEM,
                    StorageLayer.ACCESS_POINT,
                    spec.fileSystem().mountPath());
            taskDefinitionNeeds.addAll(List.of(StorageLayer.FILE_SYSTEM, StorageLayer.ACCESS_POINT));
        }
        nodes.add(
                TASK_DEFINITION,
                new TaskDefinitionHandler.Desired(
                        service.image(),
                        service.port(),
                        service.cpu(),
                        service.memory(),
                        service.environment(),
                        EXECUTION_ROLE,
                        TASK_ROLE,
                        LOG_GROUP,
                        database,
                        table,
                        fileSystem),
                taskDefinitionNeeds);

        List<ResourceKey> privateSubnets =
                zones.stream().map(NetworkLayer::privateSubnet).toList();
        ResourceKey appGroup = NetworkLayer.SecurityGroupRole.APP.key();
        AutoscalingSpec scaling = service.autoscaling();
        var serviceNeeds = new LinkedHashSet<>(List.of(
                CLUSTER,
                TASK_DEFINITION,
                EXECUTION_ROLE_POLICY,
                LoadBalancerLayer.LISTENER,
                LoadBalancerLayer.TARGET_GROUP,
                appGroup));
        if (!task.isEmpty()) {
            serviceNeeds.add(TASK_ROLE_POLICY);
        }
        serviceNeeds.addAll(privateSubnets);
        // NOTE: tasks in private subnets pull their image through the NAT gateways
        serviceNeeds.addAll(NetworkLayer.privateEgress(spec, zones));
        serviceNeeds.addAll(StorageLayer.readyForApp(spec, zones));
        serviceNeeds.addAll(DataLayer.readyForApp(spec));
        nodes.add(
                SERVICE,
                new ServiceHandler.Desired(
                        CLUSTER,
                        TASK_DEFINITION,
                        LoadBalancerLayer.TARGET_GROUP,
                        privateSubnets,
                        appGroup,
                        TaskDefinitionHandler.CONTAINER,
                        service.port(),
                        service.desiredCount(),
                        scaling != null),
                serviceNeeds);

        if (scaling != null) {
            nodes.add(
                    SCALABLE_TARGET,
                    new ScalableTargetHandler.Desired(
                            CLUSTER,
                            SERVICE,
                            scaling.min(),
                            scaling.max(),
                            scaling.schedules().stream()
                                    .map(s -> new ScalableTargetHandler.Schedule(
                                            schedule(s.name()), s.cron(), s.min(), s.max()))
                                    .toList()),
                    List.of(CLUSTER, SERVICE));
            // NOTE: Application Auto Scaling takes one change to a scalable target at a time (a second one while the
            // first is pending answers ConcurrentUpdateException): its policies and scheduled actions are made, changed
            // and deleted one after another, each after the one before it
            ResourceKey previous = SCALABLE_TARGET;
            previous = nodes.next(
                    previous,
                    CPU_POLICY,
                    new ScalingPolicyHandler.Desired(
                            SCALABLE_TARGET, MetricType.ECS_SERVICE_AVERAGE_CPU_UTILIZATION, scaling.cpuTarget()));
            if (scaling.memoryTarget() != null) {
                previous = nodes.next(
                        previous,
                        MEMORY_POLICY,
                        new ScalingPolicyHandler.Desired(
                                SCALABLE_TARGET,
                                MetricType.ECS_SERVICE_AVERAGE_MEMORY_UTILIZATION,
                                scaling.memoryTarget()));
            }
            for (AutoscalingSpec.ScheduleSpec s : scaling.schedules()) {
                previous = nodes.next(
                        previous,
                        schedule(s.name()),
                        new ScheduledActionHandler.Desired(SCALABLE_TARGET, s.cron(), s.min(), s.max()));
            }
        }
        return nodes.list();
    }

    private static final class Nodes extends LayerNodes {

        Nodes() {
            super(Layer.APP);
        }

        /** Adds a change to the scalable target, after the {@code previous} one (the target itself, for the first). */
        ResourceKey next(ResourceKey previous, ResourceKey key, ResourceDesired desired) {
            add(key, desired, new LinkedHashSet<>(List.of(SCALABLE_TARGET, previous)));
            return key;
        }

        void policy(ResourceKey key, ResourceKey role, String name, List<PolicyStatement> statements) {
            var policy = new IamRolePolicyHandler.Desired(role, name, statements);
            add(key, policy, policy.dependencies());
        }
    }
}
