package dev.plinth.aws.compute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.aws.loadbalancer.LoadBalancerLayer;
import dev.plinth.aws.network.NetworkLayer;
import dev.plinth.engine.Observation;
import dev.plinth.engine.Readiness;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceKey;
import dev.plinth.engine.ResourceRecord;
import dev.plinth.engine.ResourceState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.CreateServiceResponse;
import software.amazon.awssdk.services.ecs.model.DeleteServiceRequest;
import software.amazon.awssdk.services.ecs.model.DeleteServiceResponse;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.DescribeServicesRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.DescribeTasksRequest;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.ListTasksRequest;
import software.amazon.awssdk.services.ecs.model.ListTasksResponse;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TagResourceRequest;
import software.amazon.awssdk.services.ecs.model.TagResourceResponse;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.UntagResourceRequest;
import software.amazon.awssdk.services.ecs.model.UntagResourceResponse;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;
import software.amazon.awssdk.services.ecs.model.UpdateServiceResponse;

/** The service handler's readiness and teardown steps, against a fake ECS client. */
class ServiceHandlerTest {

    private static final String SERVICE_ARN = "arn:aws:ecs:eu-central-1:123456789012:service/web-cluster/web-service";
    private static final String TASK_DEFINITION_ARN =
            "arn:aws:ecs:eu-central-1:123456789012:task-definition/web-task-definition:1";

    private static final String TARGET_GROUP_ARN =
            "arn:aws:elasticloadbalancing:eu-central-1:123456789012:targetgroup/web-1a2b3c-tg/1";

    private static final ServiceHandler.Desired DESIRED = new ServiceHandler.Desired(
            ComputeLayer.CLUSTER,
            ComputeLayer.TASK_DEFINITION,
            LoadBalancerLayer.TARGET_GROUP,
            List.of(NetworkLayer.privateSubnet("eu-central-1a")),
            NetworkLayer.SecurityGroupRole.APP.key(),
            "app",
            80,
            2,
            false);

    private final FakeEcs ecs = new FakeEcs();
    private final ServiceHandler handler = new ServiceHandler(region -> ecs);

    private static ResourceContext context() {
        var dependencies = new HashMap<ResourceKey, ResourceRecord>();
        dependencies.put(ComputeLayer.CLUSTER, ready(ComputeLayer.CLUSTER, "web-cluster"));
        dependencies.put(ComputeLayer.TASK_DEFINITION, ready(ComputeLayer.TASK_DEFINITION, TASK_DEFINITION_ARN));
        dependencies.put(LoadBalancerLayer.TARGET_GROUP, ready(LoadBalancerLayer.TARGET_GROUP, TARGET_GROUP_ARN));
        dependencies.put(
                NetworkLayer.privateSubnet("eu-central-1a"),
                ready(NetworkLayer.privateSubnet("eu-central-1a"), "subnet-1"));
        dependencies.put(
                NetworkLayer.SecurityGroupRole.APP.key(), ready(NetworkLayer.SecurityGroupRole.APP.key(), "sg-app"));
        return ResourceContext.of(
                "env-1",
                "web",
                "eu-central-1",
                ComputeLayer.SERVICE,
                SERVICE_ARN,
                dependencies,
                Map.of("team", "payments"));
    }

    private static ResourceRecord ready(ResourceKey key, String id) {
        Instant now = Instant.now();
        return new ResourceRecord(
                "env-1", key, "kind", ResourceState.READY, id, 0, null, null, Map.of(), null, now, now, null);
    }

    private static Service service(String status, int desired, int running, DeploymentRolloutState rollout) {
        return Service.builder()
                .serviceArn(SERVICE_ARN)
                .serviceName("web-service")
                .status(status)
                .taskDefinition(TASK_DEFINITION_ARN)
                .desiredCount(desired)
                .runningCount(running)
                .deployments(Deployment.builder()
                        .status("PRIMARY")
                        .desiredCount(desired)
                        .runningCount(running)
                        .rolloutState(rollout)
                        .rolloutStateReason("ECS deployment circuit breaker: tasks failed to start.")
                        .build())
                .tags(Ecs.TAGS.of(context()))
                .build();
    }

    static Stream<Arguments> readiness() {
        return Stream.of(
                Arguments.of(
                        "rolled out",
                        service("ACTIVE", 2, 2, DeploymentRolloutState.COMPLETED),
                        List.of(),
                        Readiness.READY),
                Arguments.of(
                        "more running than desired",
                        service("ACTIVE", 2, 3, DeploymentRolloutState.COMPLETED),
                        List.of(),
                        Readiness.READY),
                Arguments.of(
                        "completed but short of tasks",
                        service("ACTIVE", 2, 1, DeploymentRolloutState.COMPLETED),
                        List.of(),
                        Readiness.pending("ECS service running 1/2 tasks, deployment COMPLETED", null)),
                Arguments.of(
                        "rolling out, tasks stopping",
                        service("ACTIVE", 2, 0, DeploymentRolloutState.IN_PROGRESS),
                        List.of("Essential container in task exited", "CannotPullContainerError: pull access denied"),
                        Readiness.pending(
                                "ECS service running 0/2 tasks, deployment IN_PROGRESS; stopped tasks: Essential container in "
                                        + "task exited; CannotPullContainerError: pull access denied",
                                null)),
                Arguments.of(
                        "circuit breaker tripped",
                        service("ACTIVE", 2, 0, DeploymentRolloutState.FAILED),
                        List.of("Essential container in task exited"),
                        Readiness.failed("service web-service rollout failed: ECS deployment circuit breaker: tasks "
                                + "failed to start.; stopped tasks: Essential container in task exited")),
                Arguments.of(
                        "scaled to zero, tasks still running",
                        service("ACTIVE", 0, 2, DeploymentRolloutState.COMPLETED),
                        List.of(),
                        Readiness.pending("ECS service stopping its tasks, running 2/0", null)),
                Arguments.of(
                        "draining",
                        service("DRAINING", 0, 1, DeploymentRolloutState.COMPLETED),
                        List.of(),
                        Readiness.pending("ECS service draining, running 1/0 tasks", null)),
                Arguments.of(
                        "no deployment yet",
                        service("ACTIVE", 2, 0, DeploymentRolloutState.IN_PROGRESS).toBuilder()
                                .deployments(List.of())
                                .build(),
                        List.of(),
                        Readiness.pending("ECS service without a primary deployment yet", null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readiness")
    void readinessFollowsThePrimaryDeployment(
            String name, Service service, List<String> stoppedReasons, Readiness expected) {
        ecs.service = service;
        ecs.stoppedReasons = stoppedReasons;

        Observation seen = handler.observe(context(), DESIRED).orElseThrow();

        if (expected instanceof Readiness.Pending p) {
            assertThat(seen.readiness())
                    .isInstanceOfSatisfying(
                            Readiness.Pending.class,
                            actual -> assertThat(actual.detail()).isEqualTo(p.detail()));
        } else {
            assertThat(seen.readiness()).isEqualTo(expected);
        }
        assertThat(seen.physicalId()).isEqualTo(SERVICE_ARN);
        assertThat(seen.attributes())
                .containsEntry(ComputeLayer.NAME, "web-service")
                .containsEntry(ComputeLayer.ARN, SERVICE_ARN);
    }

    @Test
    void atMostThreeStoppedTasksAreAskedAbout() {
        ecs.service = service("ACTIVE", 2, 0, DeploymentRolloutState.IN_PROGRESS);
        ecs.stoppedReasons = List.of("a", "b", "c", "d", "e");

        handler.observe(context(), DESIRED);

        assertThat(ecs.listTasks).singleElement().satisfies(r -> {
            assertThat(r.desiredStatus()).isEqualTo(DesiredStatus.STOPPED);
            assertThat(r.maxResults()).isEqualTo(3);
            assertThat(r.serviceName()).isEqualTo("web-service");
        });
    }

    @Test
    void aReadyServiceCostsNoTaskLookups() {
        ecs.service = service("ACTIVE", 2, 2, DeploymentRolloutState.COMPLETED);

        handler.observe(context(), DESIRED);

        assertThat(ecs.listTasks).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gone")
    void inactiveOrMissingCountsAsGone(String status) {
        ecs.service = status == null ? null : service(status, 0, 0, DeploymentRolloutState.COMPLETED);

        assertThat(handler.observe(context(), DESIRED)).isEmpty();
    }

    static Stream<String> gone() {
        return Stream.of("INACTIVE", null);
    }

    @Test
    void aDifferentDesiredCountOrTaskDefinitionIsADifferenceUnlessAutoscaled() {
        ecs.service = service("ACTIVE", 5, 5, DeploymentRolloutState.COMPLETED).toBuilder()
                .taskDefinition(TASK_DEFINITION_ARN.replace(":1", ":2"))
                .build();

        assertThat(handler.observe(context(), DESIRED).orElseThrow().differences())
                .extracting(d -> d.attribute())
                .containsExactly("taskDefinition", "desiredCount");
        var autoscaled = new ServiceHandler.Desired(
                DESIRED.cluster(),
                DESIRED.taskDefinition(),
                DESIRED.targetGroup(),
                DESIRED.subnets(),
                DESIRED.securityGroup(),
                "app",
                80,
                2,
                true);
        assertThat(handler.observe(context(), autoscaled).orElseThrow().differences())
                .extracting(d -> d.attribute())
                .containsExactly("taskDefinition");
    }

    @Test
    void withAutoscalingOnlyACountTheSpecChangedIsAppliedAndRememberedOnTheService() {
        var autoscaled = new ServiceHandler.Desired(
                DESIRED.cluster(),
                DESIRED.taskDefinition(),
                DESIRED.targetGroup(),
                DESIRED.subnets(),
                DESIRED.securityGroup(),
                "app",
                80,
                2,
                true);
        ecs.service = service("ACTIVE", 5, 5, DeploymentRolloutState.COMPLETED).toBuilder()
                .tags(Stream.concat(
                                Ecs.TAGS.of(context()).stream(),
                                Stream.of(Tag.builder()
                                        .key(ServiceHandler.SPEC_DESIRED_COUNT_TAG)
                                        .value("2")
                                        .build()))
                        .toList())
                .build();
        assertThat(handler.observe(context(), autoscaled).orElseThrow().differences())
                .as("5 is autoscaling's; the spec still says 2")
                .isEmpty();

        var changed = new ServiceHandler.Desired(
                DESIRED.cluster(),
                DESIRED.taskDefinition(),
                DESIRED.targetGroup(),
                DESIRED.subnets(),
                DESIRED.securityGroup(),
                "app",
                80,
                4,
                true);
        Observation seen = handler.observe(context(), changed).orElseThrow();
        assertThat(seen.differences()).extracting(d -> d.attribute()).containsExactly("desiredCount");
        handler.update(context(), changed, seen);

        assertThat(ecs.calls)
                .containsExactly(
                        "UpdateService desiredCount=4", "TagResource " + SERVICE_ARN + " plinth:desired-count=4");
    }

    @Test
    void changedTagsAreSetAndRemovedByKeyWithoutAnUpdateOfTheService() {
        ecs.service = service("ACTIVE", 2, 2, DeploymentRolloutState.COMPLETED).toBuilder()
                .tags(
                        Tag.builder().key("team").value("checkout").build(),
                        Tag.builder().key("owner").value("someone").build(),
                        Tag.builder()
                                .key(ServiceHandler.SPEC_DESIRED_COUNT_TAG)
                                .value("2")
                                .build())
                .build();
        ResourceContext context = context();

        Observation seen = handler.observe(context, DESIRED).orElseThrow();
        assertThat(seen.differences())
                .extracting(d -> d.attribute())
                .containsExactlyInAnyOrder("tags.team", "tags.owner", "tags.Name");
        handler.update(context, DESIRED, seen);

        assertThat(ecs.calls)
                .containsExactly(
                        "UntagResource " + SERVICE_ARN + " [owner]",
                        "TagResource " + SERVICE_ARN + " team=payments,Name=web-service");
    }

    @Test
    void teardownScalesToZeroThenWaitsForTheTasksThenDeletesAndUntags() {
        ResourceContext context = context();
        ecs.service = service("ACTIVE", 2, 2, DeploymentRolloutState.COMPLETED);

        handler.delete(context, DESIRED, handler.observe(context, DESIRED).orElseThrow());
        assertThat(ecs.calls).containsExactly("UpdateService desiredCount=0");

        ecs.service = service("ACTIVE", 0, 1, DeploymentRolloutState.COMPLETED);
        Observation draining = handler.observe(context, DESIRED).orElseThrow();
        assertThat(draining.readiness()).isInstanceOf(Readiness.Pending.class);
        handler.delete(context, DESIRED, draining);
        assertThat(ecs.calls).containsExactly("UpdateService desiredCount=0");

        ecs.service = service("ACTIVE", 0, 0, DeploymentRolloutState.COMPLETED);
        handler.delete(context, DESIRED, handler.observe(context, DESIRED).orElseThrow());
        // the environment's tags off while ACTIVE; deleted while it carries plinth's tag, which plinth's
        // policy asks of DeleteService; that one off while DRAINING, before the service turns INACTIVE
        assertThat(ecs.calls)
                .containsExactly(
                        "UpdateService desiredCount=0",
                        "UntagResource " + SERVICE_ARN
                                + " [team, Name, plinth:environment-id, plinth:resource-key, plinth:desired-count]",
                        "DeleteService " + SERVICE_ARN,
                        "UntagResource " + SERVICE_ARN + " [plinth:managed-by]");
    }

    @Test
    void createAsksForFargateInThePrivateSubnetsBehindTheTargetGroupWithTheCircuitBreaker() {
        String arn = handler.create(context().withPhysicalId(null), DESIRED);

        assertThat(arn).isEqualTo(SERVICE_ARN);
        assertThat(ecs.created).singleElement().satisfies(r -> {
            assertThat(r.cluster()).isEqualTo("web-cluster");
            assertThat(r.serviceName()).isEqualTo("web-service");
            assertThat(r.taskDefinition()).isEqualTo(TASK_DEFINITION_ARN);
            assertThat(r.desiredCount()).isEqualTo(2);
            assertThat(r.launchTypeAsString()).isEqualTo("FARGATE");
            assertThat(r.networkConfiguration().awsvpcConfiguration().subnets()).containsExactly("subnet-1");
            assertThat(r.networkConfiguration().awsvpcConfiguration().securityGroups())
                    .containsExactly("sg-app");
            assertThat(r.networkConfiguration().awsvpcConfiguration().assignPublicIpAsString())
                    .isEqualTo("DISABLED");
            assertThat(r.loadBalancers()).singleElement().satisfies(lb -> {
                assertThat(lb.targetGroupArn()).isEqualTo(TARGET_GROUP_ARN);
                assertThat(lb.containerName()).isEqualTo("app");
                assertThat(lb.containerPort()).isEqualTo(80);
            });
            assertThat(r.healthCheckGracePeriodSeconds()).isEqualTo(60);
            assertThat(r.deploymentConfiguration().deploymentCircuitBreaker().enable())
                    .isTrue();
            assertThat(r.deploymentConfiguration().deploymentCircuitBreaker().rollback())
                    .isTrue();
            assertThat(r.deploymentConfiguration().minimumHealthyPercent()).isEqualTo(100);
            assertThat(r.deploymentConfiguration().maximumPercent()).isEqualTo(200);
            assertThat(r.propagateTagsAsString()).isEqualTo("SERVICE");
            assertThat(r.enableECSManagedTags()).isTrue();
            assertThat(r.tags())
                    .anySatisfy(t -> assertThat(t.key() + "=" + t.value()).isEqualTo("plinth:environment-id=env-1"));
            assertThat(r.clientToken()).hasSizeLessThanOrEqualTo(36).isEqualTo(Ecs.clientToken(context()));
        });
    }

    @Test
    void createFindsAServiceOfItsNameFirst() {
        ecs.service = service("ACTIVE", 2, 2, DeploymentRolloutState.COMPLETED);

        assertThat(handler.create(context().withPhysicalId(null), DESIRED)).isEqualTo(SERVICE_ARN);
        assertThat(ecs.created).isEmpty();
    }

    @Test
    void teardownLeavesADrainingServiceAloneOnceItsTagsAreOff() {
        ecs.service = service("DRAINING", 0, 1, DeploymentRolloutState.COMPLETED).toBuilder()
                .tags(List.of())
                .build();

        handler.delete(context(), DESIRED, handler.observe(context(), DESIRED).orElseThrow());

        assertThat(ecs.calls).isEmpty();
    }

    @Test
    void teardownTakesTheTagsOffADrainingServiceThatStillHasThem() {
        ecs.service = service("DRAINING", 0, 1, DeploymentRolloutState.COMPLETED);

        handler.delete(context(), DESIRED, handler.observe(context(), DESIRED).orElseThrow());

        assertThat(ecs.calls)
                .containsExactly("UntagResource " + SERVICE_ARN
                        + " [team, Name, plinth:environment-id, plinth:managed-by, plinth:resource-key]");
    }

    @Test
    void teardownTakesOnlyPlinthsTagOffADrainingServiceThatKeptOnlyThat() {
        ecs.service = service("DRAINING", 0, 0, DeploymentRolloutState.COMPLETED).toBuilder()
                .tags(
                        Tag.builder().key("plinth:managed-by").value("plinth").build(),
                        Tag.builder().key("someone-else").value("x").build())
                .build();

        handler.delete(context(), DESIRED, handler.observe(context(), DESIRED).orElseThrow());

        assertThat(ecs.calls).containsExactly("UntagResource " + SERVICE_ARN + " [plinth:managed-by]");
    }

    /** Answers for one service in one cluster; records what it was asked to change. */
    private static final class FakeEcs implements EcsClient {
        Service service;
        List<String> stoppedReasons = List.of();
        final List<String> calls = new ArrayList<>();
        final List<ListTasksRequest> listTasks = new ArrayList<>();
        final List<CreateServiceRequest> created = new ArrayList<>();

        @Override
        public CreateServiceResponse createService(CreateServiceRequest request) {
            created.add(request);
            return CreateServiceResponse.builder()
                    .service(s -> s.serviceArn(SERVICE_ARN))
                    .build();
        }

        @Override
        public DescribeServicesResponse describeServices(DescribeServicesRequest request) {
            assertThat(request.cluster()).isEqualTo("web-cluster");
            return service == null
                    ? DescribeServicesResponse.builder()
                            .failures(f -> f.reason("MISSING"))
                            .build()
                    : DescribeServicesResponse.builder().services(service).build();
        }

        @Override
        public ListTasksResponse listTasks(ListTasksRequest request) {
            listTasks.add(request);
            int n = Math.min(request.maxResults(), stoppedReasons.size());
            return ListTasksResponse.builder()
                    .taskArns(Stream.iterate(0, i -> i + 1)
                            .limit(n)
                            .map(i -> "task-" + i)
                            .toList())
                    .build();
        }

        @Override
        public DescribeTasksResponse describeTasks(DescribeTasksRequest request) {
            return DescribeTasksResponse.builder()
                    .tasks(request.tasks().stream()
                            .map(arn -> Task.builder()
                                    .taskArn(arn)
                                    .stoppedReason(
                                            stoppedReasons.get(Integer.parseInt(arn.substring("task-".length()))))
                                    .build())
                            .toList())
                    .build();
        }

        @Override
        public UpdateServiceResponse updateService(UpdateServiceRequest request) {
            calls.add("UpdateService desiredCount=" + request.desiredCount());
            return UpdateServiceResponse.builder().build();
        }

        @Override
        public TagResourceResponse tagResource(TagResourceRequest request) {
            calls.add("TagResource " + request.resourceArn() + " "
                    + request.tags().stream()
                            .map(t -> t.key() + "=" + t.value())
                            .collect(java.util.stream.Collectors.joining(",")));
            return TagResourceResponse.builder().build();
        }

        @Override
        public UntagResourceResponse untagResource(UntagResourceRequest request) {
            calls.add("UntagResource " + request.resourceArn() + " " + request.tagKeys());
            return UntagResourceResponse.builder().build();
        }

        @Override
        public DeleteServiceResponse deleteService(DeleteServiceRequest request) {
            calls.add("DeleteService " + request.service());
            return DeleteServiceResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return "ecs";
        }

        @Override
        public void close() {}
    }
}
