package dev.plinth.aws.compute;

import dev.plinth.aws.AwsClients;
import dev.plinth.engine.Difference;
import dev.plinth.engine.Observation;
import dev.plinth.engine.Readiness;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import dev.plinth.engine.ResourceHandler;
import dev.plinth.engine.ResourceKey;
import java.util.ArrayList;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;

/**
 * The service's desired count registered with Application Auto Scaling, between min and max. A
 * service has one such target, so its physical id is its resource id
 * ({@code service/<cluster>/<service>}), which the policies and scheduled actions name.
 */
@Component
class ScalableTargetHandler implements ResourceHandler<ScalableTargetHandler.Desired> {

    record Desired(ResourceKey cluster, ResourceKey service, int min, int max) implements ResourceDesired {}

    static final ServiceNamespace NAMESPACE = ServiceNamespace.ECS;
    static final ScalableDimension DIMENSION = ScalableDimension.ECS_SERVICE_DESIRED_COUNT;

    static final String MIN = "minCapacity";
    static final String MAX = "maxCapacity";

    private final AwsClients aws;

    ScalableTargetHandler(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public Class<Desired> desiredType() {
        return Desired.class;
    }

    @Override
    public String kind() {
        return "AWS::ApplicationAutoScaling::ScalableTarget";
    }

    static String resourceId(ResourceContext context, Desired desired) {
        return "service/" + context.attributeOf(desired.cluster(), ComputeLayer.NAME) + "/"
                + context.attributeOf(desired.service(), ComputeLayer.NAME);
    }

    @Override
    public Optional<Observation> observe(ResourceContext context, Desired desired) {
        String resourceId = resourceId(context, desired);
        return aws.autoScaling(context.region())
                .describeScalableTargets(r -> r.serviceNamespace(NAMESPACE).resourceIds(resourceId).scalableDimension(DIMENSION))
                .scalableTargets().stream()
                .filter(t -> t.resourceId().equals(resourceId))
                .findFirst()
                .map(target -> {
                    var differences = new ArrayList<Difference>();
                    if (!Objects.equals(target.minCapacity(), desired.min())) {
                        differences.add(new Difference(MIN, String.valueOf(desired.min()), String.valueOf(target.minCapacity())));
                    }
                    if (!Objects.equals(target.maxCapacity(), desired.max())) {
                        differences.add(new Difference(MAX, String.valueOf(desired.max()), String.valueOf(target.maxCapacity())));
                    }
                    return new Observation(target.resourceId(), Readiness.READY, differences);
                });
    }

    /** NOTE: registering is an upsert: AWS and the emulator update an existing target's bounds. */
    @Override
    public String create(ResourceContext context, Desired desired) {
        String resourceId = resourceId(context, desired);
        aws.autoScaling(context.region()).registerScalableTarget(r -> r.serviceNamespace(NAMESPACE)
                .resourceId(resourceId)
                .scalableDimension(DIMENSION)
                .minCapacity(desired.min())
                .maxCapacity(desired.max())
                .tags(context.tags()));
        return resourceId;
    }

    /** Registered again with the bounds alone (tags are taken only when the target is first registered). */
    @Override
    public void update(ResourceContext context, Desired desired, Observation observed) {
        aws.autoScaling(context.region()).registerScalableTarget(r -> r.serviceNamespace(NAMESPACE)
                .resourceId(observed.physicalId())
                .scalableDimension(DIMENSION)
                .minCapacity(desired.min())
                .maxCapacity(desired.max()));
    }

    /** Its policies and scheduled actions are dependents, so they are gone first. */
    @Override
    public void delete(ResourceContext context, Desired desired, Observation observed) {
        aws.autoScaling(context.region()).deregisterScalableTarget(r -> r.serviceNamespace(NAMESPACE)
                .resourceId(observed.physicalId())
                .scalableDimension(DIMENSION));
    }
}
