package dev.plinth.testing.behaviour;

import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * ECS sees a target group's load balancer a little after the listener that forwards to it is made:
 * CreateService naming the target group a moment after CreateListener answers InvalidParameterException
 * "The target group with targetGroupArn ... does not have an associated load balancer."
 * terraform-provider-aws retries that message in ecs/service.go (retryServiceCreate, for its IAM
 * propagation timeout plus 2 minutes). The association propagates within seconds.
 */
final class TargetGroupAssociationLag implements Behaviour {

    static final Duration PROPAGATION = Duration.ofSeconds(10);

    private final Recently associated;

    TargetGroupAssociationLag(AwsTime time) {
        this.associated = new Recently(time, PROPAGATION);
    }

    @Override
    public String name() {
        return "target-group-association-lag";
    }

    @Override
    public Optional<AwsError> before(AwsCall call) {
        if (!call.is("ecs", "CreateService") && !call.is("ecs", "UpdateService")) {
            return Optional.empty();
        }
        for (JsonNode balancer : call.json().path("loadBalancers")) {
            String targetGroup = balancer.path("targetGroupArn").asString("");
            if (associated.isRecent(targetGroup)) {
                return Optional.of(AwsError.client(
                        "InvalidParameterException",
                        "The target group with targetGroupArn " + targetGroup
                                + " does not have an associated load balancer."));
            }
        }
        return Optional.empty();
    }

    @Override
    public AwsAnswer after(AwsCall call, AwsAnswer answer) {
        if (call.service().equals("elasticloadbalancing")
                && answer.ok()
                && (call.action().equals("CreateListener") || call.action().equals("CreateRule"))) {
            call.values().stream().filter(v -> v.contains(":targetgroup/")).forEach(associated::happened);
        }
        return answer;
    }

    @Override
    public void reset() {
        associated.forget();
    }
}
