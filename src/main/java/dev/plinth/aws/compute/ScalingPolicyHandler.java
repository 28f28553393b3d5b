package dev.plinth.aws.compute;

import dev.plinth.aws.AwsClients;
import dev.plinth.aws.AwsHandler;
import dev.plinth.aws.Differences;
import dev.plinth.engine.Difference;
import dev.plinth.engine.Observation;
import dev.plinth.engine.Readiness;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import dev.plinth.engine.ResourceKey;
import java.util.ArrayList;
import java.util.Optional;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingScalingPolicyConfiguration;

/**
 * A target tracking policy of the scalable target: keeps a predefined ECS service metric (average
 * CPU or memory utilisation) near a target. Named deterministically, unique per scalable target;
 * PutScalingPolicy is an upsert, so creating and updating are the same call. Its physical id is its
 * name, which is what identifies it on its target: the ARN a put answers may change when an existing
 * policy is put again (the emulator's does), so it does not name the same policy across updates.
 * AWS makes and removes the policy's CloudWatch alarms itself.
 */
@Component
class ScalingPolicyHandler extends AwsHandler<ScalingPolicyHandler.Desired> {

    record Desired(ResourceKey scalableTarget, MetricType metric, int targetValue) implements ResourceDesired {}

    static final int COOLDOWN_SECONDS = 60;

    ScalingPolicyHandler(AwsClients aws) {
        super(aws, Desired.class, "AWS::ApplicationAutoScaling::ScalingPolicy");
    }

    @Override
    public Optional<Observation> observe(ResourceContext context, Desired desired) {
        String resourceId = context.idOf(desired.scalableTarget());
        return aws
                .autoScaling(context.region())
                .describeScalingPolicies(r -> r.serviceNamespace(ScalableTargetHandler.NAMESPACE)
                        .resourceId(resourceId)
                        .scalableDimension(ScalableTargetHandler.DIMENSION)
                        .policyNames(context.name()))
                .scalingPolicies()
                .stream()
                .filter(p ->
                        p.policyName().equals(context.name()) && p.resourceId().equals(resourceId))
                .findFirst()
                .map(policy -> {
                    var differences = new ArrayList<Difference>();
                    TargetTrackingScalingPolicyConfiguration actual = policy.targetTrackingScalingPolicyConfiguration();
                    TargetTrackingScalingPolicyConfiguration wanted = configuration(desired);
                    if (policy.policyType() != PolicyType.TARGET_TRACKING_SCALING || actual == null) {
                        differences.add(new Difference(
                                "policyType",
                                PolicyType.TARGET_TRACKING_SCALING.toString(),
                                policy.policyTypeAsString()));
                    } else {
                        Differences.compare(differences, "targetValue", wanted.targetValue(), actual.targetValue());
                        Differences.compare(
                                differences,
                                "metric",
                                wanted.predefinedMetricSpecification().predefinedMetricType(),
                                actual.predefinedMetricSpecification() == null
                                        ? null
                                        : actual.predefinedMetricSpecification().predefinedMetricType());
                        Differences.compare(
                                differences, "scaleInCooldown", wanted.scaleInCooldown(), actual.scaleInCooldown());
                        Differences.compare(
                                differences, "scaleOutCooldown", wanted.scaleOutCooldown(), actual.scaleOutCooldown());
                    }
                    return new Observation(policy.policyName(), Readiness.READY, differences);
                });
    }

    @Override
    public String create(ResourceContext context, Desired desired) {
        put(context, desired);
        return context.name();
    }

    @Override
    public void update(ResourceContext context, Desired desired, Observation observed) {
        put(context, desired);
    }

    private void put(ResourceContext context, Desired desired) {
        aws.autoScaling(context.region())
                .putScalingPolicy(r -> r.policyName(context.name())
                        .serviceNamespace(ScalableTargetHandler.NAMESPACE)
                        .resourceId(context.idOf(desired.scalableTarget()))
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
    public void delete(ResourceContext context, Desired desired, Observation observed) {
        aws.autoScaling(context.region())
                .deleteScalingPolicy(r -> r.policyName(context.name())
                        .serviceNamespace(ScalableTargetHandler.NAMESPACE)
                        .resourceId(context.idOf(desired.scalableTarget()))
                        .scalableDimension(ScalableTargetHandler.DIMENSION));
    }
}
