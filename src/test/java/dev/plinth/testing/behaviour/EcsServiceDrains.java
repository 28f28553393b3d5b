package dev.plinth.testing.behaviour;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A deleted ECS service is DRAINING while its tasks stop, then INACTIVE, and its tasks are still being
 * deprovisioned (their interfaces detached) for a while after. Meanwhile DeleteCluster answers
 * ClusterContainsServicesException (a service not yet INACTIVE), then ClusterContainsTasksException.
 * Sources: ECS API reference, DeleteService ("the service status moves from ACTIVE to DRAINING … After all
 * tasks have transitioned to either STOPPING or STOPPED status, the service status moves from DRAINING to
 * INACTIVE") and DeleteCluster (ClusterContainsServicesException, ClusterContainsTasksException); ECS
 * developer guide, "Task lifecycle" (DEPROVISIONING); terraform-provider-aws ecs/cluster.go retries both
 * errors for 10 minutes. The emulator makes a deleted service INACTIVE at once and deletes any cluster.
 */
final class EcsServiceDrains implements Behaviour {

    /** The tasks' stop timeout (30 seconds by default) and the load balancer's draining, roughly. */
    static final Duration DRAINING = Duration.ofMinutes(1);
    /** From the delete call until the last task is STOPPED, its interface deprovisioned. */
    static final Duration TASKS_STOPPED = Duration.ofMinutes(3);

    private record Deleted(String cluster, String service, long at) {}

    private final AwsTime time;
    private final List<Deleted> deleted = new CopyOnWriteArrayList<>();

    EcsServiceDrains(AwsTime time) {
        this.time = time;
    }

    @Override
    public String name() {
        return "ecs-service-drains";
    }

    @Override
    public Optional<AwsError> before(AwsCall call) {
        if (!call.is("ecs", "DeleteCluster")) {
            return Optional.empty();
        }
        String cluster = clusterOf(call);
        List<Deleted> in =
                deleted.stream().filter(d -> d.cluster().equals(cluster)).toList();
        if (in.stream().anyMatch(d -> !time.elapsed(d.at(), DRAINING))) {
            return Optional.of(AwsError.client(
                    "ClusterContainsServicesException", "The Cluster cannot be deleted while Services are active."));
        }
        if (in.stream().anyMatch(d -> !time.elapsed(d.at(), TASKS_STOPPED))) {
            return Optional.of(AwsError.client(
                    "ClusterContainsTasksException", "The Cluster cannot be deleted while Tasks are active."));
        }
        return Optional.empty();
    }

    @Override
    public AwsAnswer after(AwsCall call, AwsAnswer answer) {
        if (!answer.ok()) {
            return answer;
        }
        if (call.is("ecs", "DeleteService")) {
            deleted.add(new Deleted(
                    clusterOf(call),
                    answer.json().path("service").path("serviceArn").asString(),
                    time.now()));
        } else if (call.is("ecs", "DescribeServices") && !deleted.isEmpty()) {
            return draining(answer);
        }
        return answer;
    }

    /** The services deleted a moment ago, DRAINING where the emulator says INACTIVE. */
    private AwsAnswer draining(AwsAnswer answer) {
        JsonNode json = answer.json();
        boolean changed = false;
        for (JsonNode service : json.path("services")) {
            String arn = service.path("serviceArn").asString();
            if (deleted.stream().anyMatch(d -> d.service().equals(arn) && !time.elapsed(d.at(), DRAINING))) {
                ((ObjectNode) service).put("status", "DRAINING");
                changed = true;
            }
        }
        return changed ? answer.withJson(json) : answer;
    }

    /** The name of the cluster a call names by name or ARN ({@code default} when it names none). */
    private static String clusterOf(AwsCall call) {
        String nameOrArn = call.json().path("cluster").asString("default");
        return nameOrArn.substring(nameOrArn.lastIndexOf('/') + 1);
    }

    @Override
    public void reset() {
        deleted.clear();
    }
}
