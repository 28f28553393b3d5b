package dev.plinth.testing.behaviour;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Application Auto Scaling takes one change to a scalable target at a time: a change while another is
 * pending answers ConcurrentUpdateException, "Concurrent updates caused an exception, for example, if you
 * request an update to an Application Auto Scaling resource that already has a pending update"
 * (Application Auto Scaling API reference, Common errors of RegisterScalableTarget, PutScalingPolicy,
 * PutScheduledAction, DeleteScalingPolicy, DeleteScheduledAction, DeregisterScalableTarget). A change is
 * pending for a few seconds after its call returns.
 */
final class ScalableTargetConcurrency implements Behaviour {

    static final Duration PENDING = Duration.ofSeconds(5);

    private static final Set<String> CHANGES = Set.of(
            "RegisterScalableTarget",
            "PutScalingPolicy",
            "PutScheduledAction",
            "DeleteScalingPolicy",
            "DeleteScheduledAction",
            "DeregisterScalableTarget");

    private final Recently changed;

    ScalableTargetConcurrency(AwsTime time) {
        this.changed = new Recently(time, PENDING);
    }

    @Override
    public String name() {
        return "scalable-target-concurrency";
    }

    @Override
    public Optional<AwsError> before(AwsCall call) {
        if (!call.service().equals("application-autoscaling") || !CHANGES.contains(call.action())) {
            return Optional.empty();
        }
        JsonNode request = call.json();
        String target = request.path("ServiceNamespace").asString("") + "|"
                + request.path("ResourceId").asString("") + "|"
                + request.path("ScalableDimension").asString("");
        if (changed.happenedRecentlyElseNow(target)) {
            return Optional.of(AwsError.client(
                    "ConcurrentUpdateException", "You already have a pending update to an Auto Scaling resource."));
        }
        return Optional.empty();
    }

    @Override
    public void reset() {
        changed.forget();
    }
}
