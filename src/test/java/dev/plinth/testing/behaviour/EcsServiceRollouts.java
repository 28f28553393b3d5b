package dev.plinth.testing.behaviour;

import dev.plinth.testing.behaviour.Timeline.Phase;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An ECS service's deployment is {@code IN_PROGRESS}, with no task running yet, for minutes after
 * CreateService or UpdateService: Fargate pulls the image and starts the tasks, and the load balancer's
 * health checks must pass before they count. The emulator answers at once with the rollout COMPLETED
 * and every desired task running. Source: the ECS API reference, Deployment (rolloutState IN_PROGRESS,
 * COMPLETED, FAILED; runningCount), and terraform-provider-aws internal/service/ecs/service.go, which
 * waits up to 20 minutes for a service to be stable (wait_for_steady_state).
 */
final class EcsServiceRollouts implements Behaviour {

    static final String IN_PROGRESS = "IN_PROGRESS";

    /** Tasks started (a minute or two) and healthy behind the load balancer (5 checks 30 seconds apart). */
    private static final Duration ROLLOUT = Duration.ofMinutes(4);

    private final Timeline timeline;

    EcsServiceRollouts(AwsTime time) {
        this.timeline = new Timeline(time);
    }

    @Override
    public String name() {
        return "ecs-service-rollouts";
    }

    @Override
    public AwsAnswer after(AwsCall call, AwsAnswer answer) {
        if (!call.service().equals("ecs") || !answer.ok()) {
            return answer;
        }
        JsonNode body;
        switch (call.action()) {
            case "CreateService", "UpdateService" -> {
                body = answer.json();
                timeline.start(body.path("service").path("serviceArn").asString(), new Phase(IN_PROGRESS, ROLLOUT));
                rollingOut(body.path("service"));
            }
            case "DescribeServices" -> {
                body = answer.json();
                body.path("services").forEach(this::rollingOut);
            }
            default -> {
                return answer;
            }
        }
        return answer.withJson(body);
    }

    /** A service whose rollout is still under way: no task running, its primary deployment in progress. */
    private void rollingOut(JsonNode service) {
        if (!(service instanceof ObjectNode s)
                || !timeline.isIn(s.path("serviceArn").asString(), IN_PROGRESS)) {
            return;
        }
        s.put("runningCount", 0);
        s.path("deployments").forEach(d -> {
            if (d instanceof ObjectNode deployment
                    && "PRIMARY".equals(deployment.path("status").asString())) {
                deployment.put("rolloutState", IN_PROGRESS);
                deployment.put(
                        "rolloutStateReason",
                        "ECS deployment " + deployment.path("id").asString() + " in progress.");
                deployment.put("runningCount", 0);
            }
        });
    }

    @Override
    public void reset() {
        timeline.reset();
    }
}
