package dev.plinth.aws.compute;

import dev.plinth.aws.Describe;
import dev.plinth.aws.Differences;
import dev.plinth.aws.RegionalClient;
import dev.plinth.aws.TaggedAwsHandler;
import dev.plinth.engine.Difference;
import dev.plinth.engine.Observation;
import dev.plinth.engine.Readiness;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import dev.plinth.engine.ResourceKey;
import dev.plinth.engine.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.PropagateTags;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The app as an ECS service on Fargate: tasks in the private subnets (no public addresses) behind the
 * target group, rolled out with the deployment circuit breaker, which rolls a failed deployment back.
 * Ready when its primary deployment has completed with every desired task running; a failed rollout
 * fails it, with the reasons its stopped tasks give.
 *
 * <p>Deleted in steps, one per pass: scale to zero, wait for the tasks to drain, then delete.
 */
@Component
class ServiceHandler extends TaggedAwsHandler<ServiceHandler.Desired, EcsClient> {

    /**
     * @param autoscaled the desired count belongs to Application Auto Scaling after creation: a
     *                   different count is not a difference, unless the spec's count changed (see
     *                   {@link #SPEC_DESIRED_COUNT_TAG})
     */
    record Desired(
            ResourceKey cluster,
            ResourceKey taskDefinition,
            ResourceKey targetGroup,
            List<ResourceKey> subnets,
            ResourceKey securityGroup,
            String containerName,
            int containerPort,
            int desiredCount,
            boolean autoscaled)
            implements ResourceDesired {

        Desired {
            subnets = List.copyOf(subnets);
        }
    }

    static final String TASK_DEFINITION = "taskDefinition";
    static final String DESIRED_COUNT = "desiredCount";
    /**
     * The desired count the spec last set, kept on the service itself. With autoscaling, ECS's count is
     * autoscaling's to change; only when the spec's count differs from this one did the spec change,
     * and only then is it applied (an update must not reset what autoscaling set).
     */
    static final String SPEC_DESIRED_COUNT_TAG = "plinth:desired-count";

    static final int HEALTH_CHECK_GRACE_SECONDS = 60;
    /** Stopped tasks whose reasons a pending or failed service reports. */
    static final int STOPPED_TASKS_SHOWN = 3;

    private static final String ACTIVE = "ACTIVE";
    private static final String DRAINING = "DRAINING";
    private static final String PRIMARY = "PRIMARY";
    private static final Duration POLL = Duration.ofSeconds(15);

    ServiceHandler(RegionalClient<EcsClient> client) {
        super(client, Desired.class, "AWS::ECS::Service", Ecs::retag, attribute(ComputeLayer.ARN));
    }

    @Override
    public Optional<Observation> observe(ResourceContext context, Desired desired) {
        EcsClient ecs = client(context);
        String cluster = context.idOf(desired.cluster());
        return find(ecs, cluster, context).map(service -> {
            var differences = new ArrayList<>(context.tagDifferences(Ecs.TAGS.map(service.tags())));
            String taskDefinition = context.idOf(desired.taskDefinition());
            Differences.compareText(differences, TASK_DEFINITION, taskDefinition, service.taskDefinition());
            if (desired.autoscaled()
                    ? specCountChanged(service, desired)
                    : !Objects.equals(service.desiredCount(), desired.desiredCount())) {
                differences.add(new Difference(
                        DESIRED_COUNT, String.valueOf(desired.desiredCount()), String.valueOf(service.desiredCount())));
            }
            Readiness readiness = readiness(service, () -> stoppedReasons(ecs, cluster, service.serviceName()));
            return new Observation(
                    service.serviceArn(),
                    readiness,
                    differences,
                    Map.of(
                            ComputeLayer.NAME, service.serviceName(),
                            ComputeLayer.ARN, service.serviceArn()));
        });
    }

    /** Whether the spec's count is not the one it last set; a service without the tag has the spec's count. */
    private static boolean specCountChanged(Service service, Desired desired) {
        return service.tags().stream()
                .filter(t -> t.key().equals(SPEC_DESIRED_COUNT_TAG))
                .anyMatch(t -> !t.value().equals(String.valueOf(desired.desiredCount())));
    }

    private static Tag specCount(Desired desired) {
        return Tag.builder()
                .key(SPEC_DESIRED_COUNT_TAG)
                .value(String.valueOf(desired.desiredCount()))
                .build();
    }

    /** By the recorded ARN or, when it was lost, the name; INACTIVE (deleted) and MISSING count as gone. */
    private static Optional<Service> find(EcsClient ecs, String cluster, ResourceContext context) {
        String service = context.knownId().orElse(context.name());
        return Describe.orNone(() -> ecs.describeServices(
                                r -> r.cluster(cluster).services(service).include(ServiceField.TAGS))
                        .services())
                .stream()
                .filter(s -> ACTIVE.equals(s.status()) || DRAINING.equals(s.status()))
                .findFirst();
    }

    /**
     * Ready when the primary deployment's rollout has completed and it runs every desired task;
     * failed when the circuit breaker stopped the rollout; pending otherwise, saying what runs and
     * why tasks stopped.
     */
    static Readiness readiness(Service service, Supplier<List<String>> stoppedReasons) {
        if (DRAINING.equals(service.status())) {
            return Readiness.pending(
                    "ECS service draining, running " + service.runningCount() + "/" + service.desiredCount() + " tasks",
                    POLL);
        }
        int serviceRunning = service.runningCount() == null ? 0 : service.runningCount();
        if (Objects.equals(service.desiredCount(), 0) && serviceRunning > 0) {
            return Readiness.pending("ECS service stopping its tasks, running " + serviceRunning + "/0", POLL);
        }
        Deployment primary = service.deployments().stream()
                .filter(d -> PRIMARY.equals(d.status()))
                .findFirst()
                .orElse(null);
        if (primary == null) {
            return Readiness.pending("ECS service without a primary deployment yet", POLL);
        }
        int running = primary.runningCount() == null ? 0 : primary.runningCount();
        int wanted = primary.desiredCount() == null ? 0 : primary.desiredCount();
        if (primary.rolloutState() == DeploymentRolloutState.COMPLETED && running >= wanted) {
            return Readiness.READY;
        }
        List<String> stopped = stoppedReasons.get();
        String why = stopped.isEmpty() ? "" : "; stopped tasks: " + String.join("; ", stopped);
        if (primary.rolloutState() == DeploymentRolloutState.FAILED) {
            return Readiness.failed(
                    "service " + service.serviceName() + " rollout failed: " + primary.rolloutStateReason() + why);
        }
        return Readiness.pending(
                "ECS service running " + running + "/" + wanted + " tasks, deployment " + primary.rolloutStateAsString()
                        + why,
                POLL);
    }

    /** Why the service's most recently stopped tasks stopped, at most {@value #STOPPED_TASKS_SHOWN}. */
    private static List<String> stoppedReasons(EcsClient ecs, String cluster, String service) {
        List<String> arns = ecs.listTasks(r -> r.cluster(cluster)
                        .serviceName(service)
                        .desiredStatus(DesiredStatus.STOPPED)
                        .maxResults(STOPPED_TASKS_SHOWN))
                .taskArns();
        if (arns.isEmpty()) {
            return List.of();
        }
        return ecs.describeTasks(r -> r.cluster(cluster).tasks(arns)).tasks().stream()
                .map(Task::stoppedReason)
                .filter(Objects::nonNull)
                .distinct()
                .limit(STOPPED_TASKS_SHOWN)
                .toList();
    }

    /**
     * NOTE: ECS honours the client token; the emulator ignores it and answers a second CreateService
     * of the same name with success, so the name is looked up first. The emulator also answers
     * CreateService without security groups with a 500.
     */
    @Override
    public String create(ResourceContext context, Desired desired) {
        EcsClient ecs = client(context);
        String cluster = context.idOf(desired.cluster());
        Optional<Service> existing = find(ecs, cluster, context.withPhysicalId(null));
        if (existing.isPresent()) {
            return existing.get().serviceArn();
        }
        return ecs.createService(r -> r.cluster(cluster)
                        .serviceName(context.name())
                        .taskDefinition(context.idOf(desired.taskDefinition()))
                        .desiredCount(desired.desiredCount())
                        .launchType(LaunchType.FARGATE)
                        .networkConfiguration(network(context, desired))
                        .loadBalancers(lb -> lb.targetGroupArn(context.idOf(desired.targetGroup()))
                                .containerName(desired.containerName())
                                .containerPort(desired.containerPort()))
                        .healthCheckGracePeriodSeconds(HEALTH_CHECK_GRACE_SECONDS)
                        .deploymentConfiguration(d -> d.deploymentCircuitBreaker(
                                        cb -> cb.enable(true).rollback(true))
                                .minimumHealthyPercent(100)
                                .maximumPercent(200))
                        .propagateTags(PropagateTags.SERVICE)
                        .enableECSManagedTags(true)
                        .tags(Stream.concat(Ecs.TAGS.of(context).stream(), Stream.of(specCount(desired)))
                                .toList())
                        .clientToken(Ecs.clientToken(context)))
                .service()
                .serviceArn();
    }

    private static NetworkConfiguration network(ResourceContext context, Desired desired) {
        return NetworkConfiguration.builder()
                .awsvpcConfiguration(v -> v.subnets(
                                desired.subnets().stream().map(context::idOf).toList())
                        .securityGroups(context.idOf(desired.securityGroup()))
                        .assignPublicIp(AssignPublicIp.DISABLED))
                .build();
    }

    @Override
    public void update(ResourceContext context, Desired desired, Observation observed) {
        if (retaggedOnly(context, observed)) {
            return;
        }
        EcsClient ecs = client(context);
        boolean count = differs(observed, DESIRED_COUNT);
        ecs.updateService(r -> {
            r.cluster(context.idOf(desired.cluster()))
                    .service(observed.physicalId())
                    .taskDefinition(context.idOf(desired.taskDefinition()));
            if (count) {
                r.desiredCount(desired.desiredCount());
            }
        });
        if (count) {
            ecs.tagResource(r -> r.resourceArn(observed.physicalId()).tags(specCount(desired)));
        }
    }

    /**
     * The next step: scale to zero; then nothing while tasks still run (draining); then delete, and
     * take plinth's tags off.
     * NOTE: a deleted service stays listed as INACTIVE with its tags and the tagging API keeps
     * listing it, and ECS refuses to untag an inactive service; but plinth's policy lets it delete
     * only a service that carries its tag ({@code aws:ResourceTag/plinth:managed-by}). So every tag
     * but that one comes off before the delete call, and that one right after it, while the service
     * is DRAINING (ECS API Reference, "DeleteService": ACTIVE, then DRAINING until its tasks stop,
     * then INACTIVE, which takes seconds for a service with no tasks). A step cut short after the
     * delete leaves at most {@code plinth:managed-by} on it, never the environment's id; a pass that
     * finds it DRAINING with a tag still on takes it off then.
     */
    @Override
    public void delete(ResourceContext context, Desired desired, Observation observed) {
        EcsClient ecs = client(context);
        String cluster = context.idOf(desired.cluster());
        Optional<Service> found = find(ecs, cluster, context);
        if (found.isEmpty()) {
            return;
        }
        Service service = found.get();
        List<String> plinthKeys = Stream.concat(Ecs.tagKeys(context).stream(), Stream.of(SPEC_DESIRED_COUNT_TAG))
                .toList();
        if (DRAINING.equals(service.status())) {
            List<String> left = service.tags().stream()
                    .map(Tag::key)
                    .filter(plinthKeys::contains)
                    .toList();
            if (!left.isEmpty()) {
                untag(ecs, service, left);
            }
            return;
        }
        if (service.desiredCount() != null && service.desiredCount() > 0) {
            ecs.updateService(
                    r -> r.cluster(cluster).service(service.serviceArn()).desiredCount(0));
        } else if (service.runningCount() != null && service.runningCount() > 0) {
            return;
        } else {
            untag(
                    ecs,
                    service,
                    plinthKeys.stream().filter(k -> !k.equals(Tags.MANAGED_BY)).toList());
            ecs.deleteService(r -> r.cluster(cluster).service(service.serviceArn()));
            untag(ecs, service, List.of(Tags.MANAGED_BY));
        }
    }

    private static void untag(EcsClient ecs, Service service, List<String> keys) {
        ecs.untagResource(r -> r.resourceArn(service.serviceArn()).tagKeys(keys));
    }
}
