package dev.plinth.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.engine.Tags;
import dev.plinth.testing.Ec2Inventory;
import dev.plinth.testing.EndToEndTest;
import dev.plinth.testing.PlinthApi.Reply;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.ScheduledAction;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ListenerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.iam.IamClient;
import tools.jackson.databind.JsonNode;

/** The load balancer and the ECS service with its autoscaling, built, read back with the SDK, and torn down. */
class AppLayerIT extends EndToEndTest {

    private static final String REGION = "eu-central-1";
    private static final String SPEC = """
            {"name":"web","region":"eu-central-1",
             "network":{"cidr":"10.62.0.0/16","availabilityZones":2,"natGateways":"single"},
             "service":{"image":"public.ecr.aws/nginx/nginx:stable","port":80,"cpu":256,"memory":512,"desiredCount":2,
               "healthCheckPath":"/health","environment":{"APP_MODE":"staging"},
               "autoscaling":{"min":2,"max":6,"cpuTarget":60,"memoryTarget":75,"schedules":[
                 {"name":"nights","cron":"cron(0 18 ? * MON-FRI *)","min":0,"max":0},
                 {"name":"mornings","cron":"cron(0 8 ? * MON-FRI *)","min":2,"max":6}]}}}""";

    @Test
    void aServiceBehindALoadBalancerWithAutoscalingIsBuiltAndTornDownToNothing() {
        String id = api.create(SPEC);

        JsonNode env = api.await(id, CONVERGE, "READY", "FAILED");
        assertThat(env.path("status").asString()).as(env.toString()).isEqualTo("READY");
        Map<String, String> ids = physicalIds(id);
        List<String> appKeys = api.get("/environments/" + id + "/resources")
                .json()
                .path("items")
                .valueStream()
                .filter(r -> r.path("layer").asString().equals("APP"))
                .peek(r -> assertThat(r.path("state").asString()).isEqualTo("READY"))
                .map(r -> r.path("key").asString())
                .toList();
        assertThat(appKeys)
                .containsExactlyInAnyOrder(
                        "load-balancer",
                        "load-balancer/target-group",
                        "load-balancer/listener",
                        "cluster",
                        "log-group",
                        "role/task-execution",
                        "role/task-execution-policy",
                        "role/task",
                        "task-definition",
                        "service",
                        "scaling/target",
                        "scaling/policy/cpu",
                        "scaling/policy/memory",
                        "scaling/schedule/nights",
                        "scaling/schedule/mornings");
        Ec2Inventory network = Ec2Inventory.ofEnvironment(ec2(REGION), id);
        Map<String, String> subnets = network.subnets().stream()
                .collect(Collectors.toMap(s -> Ec2Inventory.tag(s.tags(), Tags.RESOURCE_KEY), Subnet::subnetId));
        Map<String, String> groups = network.securityGroups().stream()
                .collect(Collectors.toMap(g -> Ec2Inventory.tag(g.tags(), Tags.RESOURCE_KEY), SecurityGroup::groupId));
        String vpcId = network.vpcs().getFirst().vpcId();

        try (var elb = emulated(ElasticLoadBalancingV2Client.builder(), REGION);
                var ecs = emulated(EcsClient.builder(), REGION);
                var logs = emulated(CloudWatchLogsClient.builder(), REGION);
                var scaling = emulated(ApplicationAutoScalingClient.builder(), REGION);
                var iam = emulated(IamClient.builder(), "aws-global")) {

            LoadBalancer lb = elb.describeLoadBalancers(r -> r.loadBalancerArns(ids.get("load-balancer")))
                    .loadBalancers()
                    .getFirst();
            assertThat(lb.schemeAsString()).isEqualTo("internet-facing");
            assertThat(lb.typeAsString()).isEqualTo("application");
            assertThat(lb.loadBalancerName()).startsWith("web-").hasSize("web-".length() + 6);
            assertThat(lb.availabilityZones())
                    .extracting(AvailabilityZone::subnetId)
                    .containsExactlyInAnyOrder(
                            subnets.get("subnet/public/eu-central-1a"), subnets.get("subnet/public/eu-central-1b"));
            assertThat(lb.securityGroups()).containsExactly(groups.get("security-group/load-balancer"));
            assertThat(lb.state().codeAsString()).isEqualTo("active");
            assertThat(elb.describeTags(r -> r.resourceArns(lb.loadBalancerArn()))
                            .tagDescriptions()
                            .getFirst()
                            .tags())
                    .anySatisfy(t -> assertThat(t.key() + "=" + t.value()).isEqualTo(Tags.ENVIRONMENT_ID + "=" + id));

            TargetGroup tg = elb.describeTargetGroups(r -> r.targetGroupArns(ids.get("load-balancer/target-group")))
                    .targetGroups()
                    .getFirst();
            assertThat(tg.targetGroupName()).isEqualTo(lb.loadBalancerName() + "-tg");
            assertThat(tg.protocolAsString()).isEqualTo("HTTP");
            assertThat(tg.port()).isEqualTo(80);
            assertThat(tg.targetTypeAsString()).isEqualTo("ip");
            assertThat(tg.vpcId()).isEqualTo(vpcId);
            assertThat(tg.healthCheckPath()).isEqualTo("/health");
            assertThat(tg.matcher().httpCode()).isEqualTo("200-399");

            assertThat(elb.describeListeners(r -> r.loadBalancerArn(lb.loadBalancerArn()))
                            .listeners())
                    .singleElement()
                    .satisfies(l -> {
                        assertThat(l.listenerArn()).isEqualTo(ids.get("load-balancer/listener"));
                        assertThat(l.port()).isEqualTo(80);
                        assertThat(l.protocolAsString()).isEqualTo("HTTP");
                        assertThat(l.defaultActions()).singleElement().satisfies(a -> {
                            assertThat(a.typeAsString()).isEqualTo("forward");
                            assertThat(a.targetGroupArn()).isEqualTo(tg.targetGroupArn());
                        });
                    });

            assertThat(ecs.describeClusters(
                                    r -> r.clusters("web-cluster").include(ClusterField.SETTINGS, ClusterField.TAGS))
                            .clusters())
                    .singleElement()
                    .satisfies(c -> {
                        assertThat(c.status()).isEqualTo("ACTIVE");
                        assertThat(c.settings())
                                .anySatisfy(s -> assertThat(s.nameAsString() + "=" + s.value())
                                        .isEqualTo("containerInsights=enabled"));
                        assertThat(c.tags()).anySatisfy(t -> assertThat(t.key()).isEqualTo(Tags.ENVIRONMENT_ID));
                    });

            assertThat(logs.describeLogGroups(r -> r.logGroupNamePrefix("/plinth/web/app"))
                            .logGroups())
                    .singleElement()
                    .satisfies(g -> assertThat(g.retentionInDays()).isEqualTo(30));
            String executionRole = iam.getRole(r -> r.roleName("plinth-web-task-execution"))
                    .role()
                    .arn();
            String taskRole =
                    iam.getRole(r -> r.roleName("plinth-web-task")).role().arn();
            assertThat(iam.getRolePolicy(
                                    r -> r.roleName("plinth-web-task-execution").policyName("task-execution"))
                            .policyDocument())
                    .contains("logs")
                    .contains("ecr");

            TaskDefinition td = ecs.describeTaskDefinition(
                            r -> r.taskDefinition(ids.get("task-definition")).include(TaskDefinitionField.TAGS))
                    .taskDefinition();
            assertThat(td.family()).isEqualTo("web-task-definition");
            assertThat(td.requiresCompatibilitiesAsStrings()).containsExactly("FARGATE");
            assertThat(td.networkModeAsString()).isEqualTo("awsvpc");
            assertThat(td.cpu()).isEqualTo("256");
            assertThat(td.memory()).isEqualTo("512");
            assertThat(td.executionRoleArn()).isEqualTo(executionRole);
            assertThat(td.taskRoleArn()).isEqualTo(taskRole);
            ContainerDefinition app = td.containerDefinitions().getFirst();
            assertThat(app.name()).isEqualTo("app");
            assertThat(app.image()).isEqualTo("public.ecr.aws/nginx/nginx:stable");
            assertThat(app.essential()).isTrue();
            assertThat(app.portMappings())
                    .singleElement()
                    .satisfies(p -> assertThat(p.containerPort()).isEqualTo(80));
            assertThat(app.environment())
                    .extracting(KeyValuePair::name, KeyValuePair::value)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("APP_MODE", "staging"));
            assertThat(app.logConfiguration().logDriverAsString()).isEqualTo("awslogs");
            assertThat(app.logConfiguration().options())
                    .containsEntry("awslogs-group", "/plinth/web/app")
                    .containsEntry("awslogs-region", REGION)
                    .containsEntry("awslogs-stream-prefix", "app");

            Service service = ecs.describeServices(r ->
                            r.cluster("web-cluster").services("web-service").include(ServiceField.TAGS))
                    .services()
                    .getFirst();
            assertThat(service.serviceArn()).isEqualTo(ids.get("service"));
            assertThat(service.status()).isEqualTo("ACTIVE");
            assertThat(service.taskDefinition()).isEqualTo(td.taskDefinitionArn());
            assertThat(service.desiredCount()).isEqualTo(2);
            assertThat(service.launchTypeAsString()).isEqualTo("FARGATE");
            assertThat(service.networkConfiguration().awsvpcConfiguration().subnets())
                    .containsExactlyInAnyOrder(
                            subnets.get("subnet/private/eu-central-1a"), subnets.get("subnet/private/eu-central-1b"));
            assertThat(service.networkConfiguration().awsvpcConfiguration().securityGroups())
                    .containsExactly(groups.get("security-group/app"));
            assertThat(service.networkConfiguration().awsvpcConfiguration().assignPublicIpAsString())
                    .isEqualTo("DISABLED");
            assertThat(service.loadBalancers()).singleElement().satisfies(l -> {
                assertThat(l.targetGroupArn()).isEqualTo(tg.targetGroupArn());
                assertThat(l.containerName()).isEqualTo("app");
                assertThat(l.containerPort()).isEqualTo(80);
            });
            // NOTE: the emulator drops deploymentConfiguration and healthCheckGracePeriodSeconds; ServiceHandlerTest
            // checks the request
            assertThat(service.tags()).anySatisfy(t -> assertThat(t.key()).isEqualTo(Tags.ENVIRONMENT_ID));

            String resourceId = "service/web-cluster/web-service";
            assertThat(scaling.describeScalableTargets(r ->
                                    r.serviceNamespace(ServiceNamespace.ECS).resourceIds(resourceId))
                            .scalableTargets())
                    .singleElement()
                    .satisfies(t -> {
                        assertThat(t.scalableDimension()).isEqualTo(ScalableDimension.ECS_SERVICE_DESIRED_COUNT);
                        assertThat(t.minCapacity()).isEqualTo(2);
                        assertThat(t.maxCapacity()).isEqualTo(6);
                    });
            List<ScalingPolicy> policies = scaling.describeScalingPolicies(
                            r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId(resourceId))
                    .scalingPolicies();
            assertThat(policies)
                    .extracting(p -> p.targetTrackingScalingPolicyConfiguration()
                                    .predefinedMetricSpecification()
                                    .predefinedMetricTypeAsString()
                            + " " + p.targetTrackingScalingPolicyConfiguration().targetValue())
                    .containsExactlyInAnyOrder(
                            "ECSServiceAverageCPUUtilization 60.0", "ECSServiceAverageMemoryUtilization 75.0");
            assertThat(policies).allSatisfy(p -> {
                assertThat(p.policyTypeAsString()).isEqualTo("TargetTrackingScaling");
                assertThat(p.targetTrackingScalingPolicyConfiguration().scaleInCooldown())
                        .isEqualTo(60);
                assertThat(p.targetTrackingScalingPolicyConfiguration().scaleOutCooldown())
                        .isEqualTo(60);
            });
            assertThat(ids.get("scaling/policy/cpu"))
                    .isIn(policies.stream().map(ScalingPolicy::policyName).toList());
            List<ScheduledAction> schedules = scaling.describeScheduledActions(
                            r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId(resourceId))
                    .scheduledActions();
            assertThat(schedules)
                    .extracting(a -> a.scheduledActionName() + " " + a.schedule() + " " + a.timezone() + " "
                            + a.scalableTargetAction().minCapacity() + ".."
                            + a.scalableTargetAction().maxCapacity())
                    .containsExactlyInAnyOrder(
                            "web-scaling-schedule-nights cron(0 18 ? * MON-FRI *) UTC 0..0",
                            "web-scaling-schedule-mornings cron(0 8 ? * MON-FRI *) UTC 2..6");

            for (String create : List.of(
                    "CreateLoadBalancer",
                    "CreateTargetGroup",
                    "CreateListener",
                    "CreateCluster",
                    "CreateLogGroup",
                    "RegisterTaskDefinition",
                    "CreateService",
                    "RegisterScalableTarget")) {
                assertThat(AWS.count(create)).as("%s calls", create).isEqualTo(1);
            }
            assertThat(AWS.count("PutScalingPolicy")).isEqualTo(2);
            assertThat(AWS.count("PutScheduledAction")).isEqualTo(2);

            assertThat(env.at("/outputs/url").asString()).isEqualTo("http://" + lb.dnsName());
            assertThat(env.at("/outputs/loadBalancerDns").asString()).isEqualTo(lb.dnsName());
            assertThat(env.at("/outputs/clusterName").asString()).isEqualTo("web-cluster");
            assertThat(env.at("/outputs/serviceName").asString()).isEqualTo("web-service");

            Reply deleting = api.delete("/environments/" + id);
            assertThat(deleting.status()).isEqualTo(202);
            JsonNode gone = api.await(id, CONVERGE, "DELETED", "DELETE_FAILED");
            assertThat(gone.path("status").asString()).as(gone.toString()).isEqualTo("DELETED");
            assertNothingTagged(REGION, id);
            List<JsonNode> events = api.events(id);
            assertOnlyAwsDocumentedRetries(events);
            assertThat(events)
                    .as("nothing of the app layer needed a change right after it was made")
                    .noneMatch(e -> e.path("type").asString().equals("UPDATE_STARTED")
                            && appKeys.contains(e.path("resourceKey").asString()));

            assertThatThrownBy(() -> elb.describeLoadBalancers(r -> r.loadBalancerArns(lb.loadBalancerArn())))
                    .isInstanceOf(LoadBalancerNotFoundException.class);
            assertThatThrownBy(() -> elb.describeTargetGroups(r -> r.targetGroupArns(tg.targetGroupArn())))
                    .isInstanceOf(TargetGroupNotFoundException.class);
            assertThatThrownBy(() -> elb.describeListeners(r -> r.listenerArns(ids.get("load-balancer/listener"))))
                    .isInstanceOf(ListenerNotFoundException.class);
            assertThat(ecs.describeServices(r -> r.cluster("web-cluster").services("web-service"))
                            .services())
                    .allSatisfy(s -> assertThat(s.status()).isEqualTo("INACTIVE"));
            assertThat(ecs.describeClusters(r -> r.clusters("web-cluster")).clusters())
                    .allSatisfy(c -> assertThat(c.status()).isEqualTo("INACTIVE"));
            assertThat(ecs.listTaskDefinitions(r -> r.familyPrefix("web-task-definition"))
                            .taskDefinitionArns())
                    .isEmpty();
            assertThatThrownBy(() -> ecs.describeTaskDefinition(r -> r.taskDefinition(td.taskDefinitionArn())))
                    .hasMessageContaining("Unable to describe task definition");
            assertThat(scaling.describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.ECS))
                            .scalableTargets())
                    .isEmpty();
            assertThat(scaling.describeScalingPolicies(r -> r.serviceNamespace(ServiceNamespace.ECS))
                            .scalingPolicies())
                    .isEmpty();
            assertThat(scaling.describeScheduledActions(r -> r.serviceNamespace(ServiceNamespace.ECS))
                            .scheduledActions())
                    .isEmpty();
            assertThat(logs.describeLogGroups(r -> r.logGroupNamePrefix("/plinth/web/"))
                            .logGroups())
                    .isEmpty();
            assertThat(iam.listRoles().roles()).noneMatch(r -> r.roleName().startsWith("plinth-web-"));
        }
    }

    private Map<String, String> physicalIds(String id) {
        return api.get("/environments/" + id + "/resources")
                .json()
                .path("items")
                .valueStream()
                .collect(Collectors.toMap(
                        r -> r.path("key").asString(), r -> r.path("physicalId").asString()));
    }
}
