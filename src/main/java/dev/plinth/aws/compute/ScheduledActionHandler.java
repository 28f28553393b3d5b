package dev.plinth.aws.compute;

import dev.plinth.aws.Differences;
import dev.plinth.aws.RegionalClient;
import dev.plinth.engine.Difference;
import dev.plinth.engine.ResourceKey;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTargetAction;
import software.amazon.awssdk.services.applicationautoscaling.model.ScheduledAction;

/**
 * A scheduled change of the scalable target's bounds, in UTC (for example to zero outside working
 * hours). Named deterministically, unique per scalable target (its physical id is that name);
 * PutScheduledAction is an upsert.
 */
@Component
class ScheduledActionHandler extends ScalingHandler<ScheduledActionHandler.Desired, ScheduledAction> {

    /** @param min the new lower bound, or null to leave it; likewise {@code max} */
    record Desired(ResourceKey scalableTarget, String schedule, Integer min, Integer max) implements OnTarget {}

    static final String TIMEZONE = "UTC";

    ScheduledActionHandler(RegionalClient<ApplicationAutoScalingClient> client) {
        super(
                client,
                Desired.class,
                "AWS::ApplicationAutoScaling::ScheduledAction",
                ScheduledAction::scheduledActionName,
                ScheduledAction::resourceId);
    }

    @Override
    protected List<ScheduledAction> describe(ApplicationAutoScalingClient autoScaling, String resourceId, String name) {
        return autoScaling
                .describeScheduledActions(r -> r.serviceNamespace(ScalableTargetHandler.NAMESPACE)
                        .resourceId(resourceId)
                        .scalableDimension(ScalableTargetHandler.DIMENSION)
                        .scheduledActionNames(name))
                .scheduledActions();
    }

    @Override
    protected List<Difference> differences(Desired desired, ScheduledAction action) {
        var differences = new ArrayList<Difference>();
        ScalableTargetAction bounds = action.scalableTargetAction();
        Differences.compare(differences, "schedule", desired.schedule(), action.schedule());
        Differences.compare(differences, "timezone", TIMEZONE, action.timezone());
        Differences.compare(differences, "minCapacity", desired.min(), bounds == null ? null : bounds.minCapacity());
        Differences.compare(differences, "maxCapacity", desired.max(), bounds == null ? null : bounds.maxCapacity());
        return differences;
    }

    /** PutScheduledAction answers with nothing to identify it: the physical id is the action's name. */
    @Override
    protected void put(ApplicationAutoScalingClient autoScaling, String resourceId, String name, Desired desired) {
        autoScaling.putScheduledAction(r -> r.scheduledActionName(name)
                .serviceNamespace(ScalableTargetHandler.NAMESPACE)
                .resourceId(resourceId)
                .scalableDimension(ScalableTargetHandler.DIMENSION)
                .schedule(desired.schedule())
                .timezone(TIMEZONE)
                .scalableTargetAction(a -> a.minCapacity(desired.min()).maxCapacity(desired.max())));
    }

    @Override
    protected void delete(ApplicationAutoScalingClient autoScaling, String resourceId, String name) {
        autoScaling.deleteScheduledAction(r -> r.scheduledActionName(name)
                .serviceNamespace(ScalableTargetHandler.NAMESPACE)
                .resourceId(resourceId)
                .scalableDimension(ScalableTargetHandler.DIMENSION));
    }
}
