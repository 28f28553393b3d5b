package dev.plinth.aws.compute;

import dev.plinth.aws.AwsHandler;
import dev.plinth.aws.RegionalClient;
import dev.plinth.engine.Difference;
import dev.plinth.engine.Observation;
import dev.plinth.engine.Readiness;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import dev.plinth.engine.ResourceKey;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;

/**
 * The handler of an Application Auto Scaling kind that belongs to the service's scalable target
 * (a scaling policy, a scheduled action): named deterministically, unique per scalable target, and
 * put with an upsert, so creating and updating are the same call. Its physical id is its name, which
 * is what identifies it on its target (the put answers with nothing else that stays the same). The
 * kind's class names its describe, put and delete calls and what it compares.
 *
 * @param <R> the kind's SDK model ({@code ScalingPolicy}, {@code ScheduledAction})
 */
abstract class ScalingHandler<D extends ScalingHandler.OnTarget, R>
        extends AwsHandler<D, ApplicationAutoScalingClient> {

    /** The desired record of a kind on the scalable target. */
    interface OnTarget extends ResourceDesired {
        ResourceKey scalableTarget();
    }

    private final Function<R, String> nameOf;
    private final Function<R, String> resourceIdOf;

    /**
     * @param nameOf       the name of a described resource
     * @param resourceIdOf the scalable target a described resource is on
     */
    protected ScalingHandler(
            RegionalClient<ApplicationAutoScalingClient> client,
            Class<D> desiredType,
            String kind,
            Function<R, String> nameOf,
            Function<R, String> resourceIdOf) {
        super(client, desiredType, kind);
        this.nameOf = nameOf;
        this.resourceIdOf = resourceIdOf;
    }

    /** The kind's describe call, for the resources named {@code name} on the target {@code resourceId}. */
    protected abstract List<R> describe(ApplicationAutoScalingClient autoScaling, String resourceId, String name);

    /** How the described resource differs from {@code desired}. */
    protected abstract List<Difference> differences(D desired, R resource);

    /** The kind's upsert. */
    protected abstract void put(ApplicationAutoScalingClient autoScaling, String resourceId, String name, D desired);

    protected abstract void delete(ApplicationAutoScalingClient autoScaling, String resourceId, String name);

    @Override
    public Optional<Observation> observe(ResourceContext context, D desired) {
        String resourceId = context.idOf(desired.scalableTarget());
        return describe(client(context), resourceId, context.name()).stream()
                .filter(found -> nameOf.apply(found).equals(context.name())
                        && resourceIdOf.apply(found).equals(resourceId))
                .findFirst()
                .map(found -> new Observation(nameOf.apply(found), Readiness.READY, differences(desired, found)));
    }

    @Override
    public String create(ResourceContext context, D desired) {
        upsert(context, desired);
        return context.name();
    }

    @Override
    public void update(ResourceContext context, D desired, Observation observed) {
        upsert(context, desired);
    }

    private void upsert(ResourceContext context, D desired) {
        put(client(context), context.idOf(desired.scalableTarget()), context.name(), desired);
    }

    @Override
    public void delete(ResourceContext context, D desired, Observation observed) {
        delete(client(context), context.idOf(desired.scalableTarget()), context.name());
    }
}
