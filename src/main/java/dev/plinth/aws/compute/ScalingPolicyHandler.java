package dev.plinth.aws.compute;

import dev.plinth.aws.Differences;
import dev.plinth.aws.RegionalClient;
import dev.plinth.engine.Difference;
import dev.plinth.engine.ResourceKey;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingScalingPolicyConfiguration;

/**
 * A target tracking policy of the scalable target: keeps a predefined ECS service metric (average
 * CPU or memory utilisation) near a target. PutScalingPolicy is an upsert. Its physical id is its
 * name ({@link ScalingHandler}): the ARN a put answers may change when an existing policy is put
 * again (the emulator's does), so it does not name the same policy across updates.
 * AWS makes and removes the policy's CloudWatch alarms itself.
 */
@Component
class ScalingPolicyHandler extends ScalingHandler<ScalingPolicyHandler.Desired, ScalingPolicy> {

    record Desired(ResourceKey scalableTarget, MetricType metric, int targetValue) implements OnTarget {}

    static final int COOLDOWN_SECONDS = 60;

    ScalingPolicyHandler(RegionalClient<ApplicationAutoScalingClient> client) {
        super(
                client,
                Desired.class,
                "AWS::ApplicationAutoScaling::ScalingPolicy",
                ScalingPolicy::policyName,
                ScalingPolicy::resourceId);
    }

    @Override
    protected List<ScalingPolicy> describe(ApplicationAutoScalingClient autoScaling, String resourceId, String name) {
        return autoScaling
                .describeScalingPolicies(r -> r.serviceNamespace(ScalableTargetHandler.NAMESPACE)
                        .resourceId(resourceId)
                        .scalableDimension(ScalableTargetHandler.DIMENSION)
                        .policyNames(name))
                .scalingPolicies();
    }

    @Override
    protected List<Difference> differences(Desired desired, ScalingPolicy policy) {
        var differences = new ArrayList<Difference>();
        TargetTrackingScalingPolicyConfiguration actual = policy.targetTrackingScalingPolicyConfiguration();
        TargetTrackingScalingPolicyConfiguration wanted = configuration(desired);
        if (policy.policyType() != PolicyType.TARGET_TRACKING_SCALING || actual == null) {
            differences.add(new Difference(
                    "policyType", PolicyType.TARGET_TRACKING_SCALING.toString(), policy.policyTypeAsString()));
        } else {
            Differences.compare(differences, "targetValue", wanted.targetValue(), actual.targetValue());
            Differences.compare(
                    differences,
                    "metric",
                    wanted.predefinedMetricSpecification().predefinedMetricType(),
                    actual.predefinedMetricSpecification() == null
                            ? null
                            : actual.predefinedMetricSpecification().predefinedMetricType());
            Differences.compare(differences, "scaleInCooldown", wanted.scaleInCooldown(), actual.scaleInCooldown());
            Differences.compare(differences, "scaleOutCooldown", wanted.scaleOutCooldown(), actual.scaleOutCooldown());
        }
        return differences;
    }

    @Override
    protected void put(ApplicationAutoScalingClient autoScaling, String resourceId, String name, Desired desired) {
        autoScaling.putScalingPolicy(r -> r.policyName(name)
                .serviceNamespace(ScalableTargetHandler.NAMESPACE)
                .resourceId(resourceId)
                .scalableDimension(ScalableTargetHandler.DIMENSION)
                .policyType(PolicyType.TARGET_TRACKING_SCALING)
                .targetTrackingScalingPolicyConfiguration(configuration(desired)));
    }

    private static TargetTrackingScalingPolicyConfiguration configuration(Desired desired) {
        return TargetTrackingScalingPolicyConfiguration.builder()
                .targetValue((double) desired.targetValue())
                .predefinedMetricSpecification(m -> m.predefinedMetricType(desired.metric()))
                .scaleInCooldown(COOLDOWN_SECONDS)
                .scaleOutCooldown(COOLDOWN_SECONDS)
                .build();
    }

    @Override
    protected void delete(ApplicationAutoScalingClient autoScaling, String resourceId, String name) {
        autoScaling.deleteScalingPolicy(r -> r.policyName(name)
                .serviceNamespace(ScalableTargetHandler.NAMESPACE)
                .resourceId(resourceId)
                .scalableDimension(ScalableTargetHandler.DIMENSION));
    }
}
