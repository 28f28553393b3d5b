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
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTargetAction;

/**
 * A scheduled change of the scalable target's bounds, in UTC (for example to zero outside working
 * hours). Named deterministically, unique per scalable target (its physical id is that name);
 * PutScheduledAction is an upsert.
 */
@Component
class ScheduledActionHandler extends AwsHandler<ScheduledActionHandler.Desired> {

    /** @param min the new lower bound, or null to leave it; likewise {@code max} */
    record Desired(ResourceKey scalableTarget, String schedule, Integer min, Integer max) implements ResourceDesired {}

    static final String TIMEZONE = "UTC";

    ScheduledActionHandler(AwsClients aws) {
        super(aws, Desired.class, "AWS::ApplicationAutoScaling::ScheduledAction");
    }

    @Override
    public Optional<Observation> observe(ResourceContext context, Desired desired) {
        String resourceId = context.idOf(desired.scalableTarget());
        return aws
                .autoScaling(context.region())
                .describeScheduledActions(r -> r.serviceNamespace(ScalableTargetHandler.NAMESPACE)
                        .resourceId(resourceId)
                        .scalableDimension(ScalableTargetHandler.DIMENSION)
                        .scheduledActionNames(context.name()))
                .scheduledActions()
                .stream()
                .filter(a -> a.scheduledActionName().equals(context.name())
                        && a.resourceId().equals(resourceId))
                .findFirst()
                .map(action -> {
                    var differences = new ArrayList<Difference>();
                    ScalableTargetAction bounds = action.scalableTargetAction();
                    Differences.compare(differences, "schedule", desired.schedule(), action.schedule());
                    Differences.compare(differences, "timezone", TIMEZONE, action.timezone());
                    Differences.compare(
                            differences, "minCapacity", desired.min(), bounds == null ? null : bounds.minCapacity());
                    Differences.compare(
                            differences, "maxCapacity", desired.max(), bounds == null ? null : bounds.maxCapacity());
                    return new Observation(action.scheduledActionName(), Readiness.READY, differences);
                });
    }

    /** PutScheduledAction answers with nothing to identify it: the physical id is the action's name. */
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
                .putScheduledAction(r -> r.scheduledActionName(context.name())
                        .serviceNamespace(ScalableTargetHandler.NAMESPACE)
                        .resourceId(context.idOf(desired.scalableTarget()))
                        .scalableDimension(ScalableTargetHandler.DIMENSION)
                        .schedule(desired.schedule())
                        .timezone(TIMEZONE)
                        .scalableTargetAction(a -> a.minCapacity(desired.min()).maxCapacity(desired.max())));
    }

    @Override
    public void delete(ResourceContext context, Desired desired, Observation observed) {
        aws.autoScaling(context.region())
                .deleteScheduledAction(r -> r.scheduledActionName(context.name())
                        .serviceNamespace(ScalableTargetHandler.NAMESPACE)
                        .resourceId(context.idOf(desired.scalableTarget()))
                        .scalableDimension(ScalableTargetHandler.DIMENSION));
    }
}
