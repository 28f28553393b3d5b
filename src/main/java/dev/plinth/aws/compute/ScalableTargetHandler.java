package dev.plinth.aws.compute;

import dev.plinth.aws.AwsHandler;
import dev.plinth.aws.Differences;
import dev.plinth.aws.RegionalClient;
import dev.plinth.aws.compute.ScheduledBounds.Bounds;
import dev.plinth.engine.Difference;
import dev.plinth.engine.Observation;
import dev.plinth.engine.Readiness;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import dev.plinth.engine.ResourceKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;

/**
 * The service's desired count registered with Application Auto Scaling, between min and max. A
 * service has one such target, so its physical id is its resource id
 * ({@code service/<cluster>/<service>}), which the policies and scheduled actions name.
 *
 * <p>Its bounds are the spec's until one of the spec's schedules fires: from then on they are the
 * bounds of the schedule that fired last ({@link ScheduledBounds}). Observe compares AWS's with those,
 * and update sets those: a schedule that acted is neither drift nor undone by a repair. (NOTE: comparing
 * with the configured bounds alone is the known trap: terraform-aws-modules/terraform-aws-ecs issue 422,
 * "aws_appautoscaling_target min_capacity/max_capacity ... fights autoscaling_scheduled_actions on every
 * plan".)
 */
@Component
class ScalableTargetHandler extends AwsHandler<ScalableTargetHandler.Desired, ApplicationAutoScalingClient> {

    /** @param schedules the spec's scheduled actions of this target */
    record Desired(ResourceKey cluster, ResourceKey service, int min, int max, List<Schedule> schedules)
            implements ResourceDesired {

        Desired {
            schedules = List.copyOf(schedules);
        }
    }

    /** A scheduled action of the target: its resource, its schedule expression and the bounds it sets. */
    record Schedule(ResourceKey action, String expression, int min, int max) {}

    static final ServiceNamespace NAMESPACE = ServiceNamespace.ECS;
    static final ScalableDimension DIMENSION = ScalableDimension.ECS_SERVICE_DESIRED_COUNT;

    static final String MIN = "minCapacity";
    static final String MAX = "maxCapacity";

    /** How long after a firing a target still showing the bounds from before it is taken as not yet acted on. */
    static final Duration LATE = Duration.ofMinutes(2);

    private final Clock clock;

    ScalableTargetHandler(RegionalClient<ApplicationAutoScalingClient> client, Clock clock) {
        super(client, Desired.class, "AWS::ApplicationAutoScaling::ScalableTarget");
        this.clock = clock;
    }

    static String resourceId(ResourceContext context, Desired desired) {
        return "service/" + context.attributeOf(desired.cluster(), ComputeLayer.NAME) + "/"
                + context.attributeOf(desired.service(), ComputeLayer.NAME);
    }

    /**
     * NOTE: AWS runs a scheduled action at its time, with no precision documented (User Guide, "Scheduled
     * scaling": "at the date and time specified"), and a target described just before a firing is compared
     * just after it. So a target that shows the bounds in force at any instant since {@link #LATE} before
     * the describe call is as the spec asks; a target still showing old bounds later than that is drift.
     */
    @Override
    public Optional<Observation> observe(ResourceContext context, Desired desired) {
        String resourceId = resourceId(context, desired);
        Instant asked = clock.instant();
        return client(context)
                .describeScalableTargets(r ->
                        r.serviceNamespace(NAMESPACE).resourceIds(resourceId).scalableDimension(DIMENSION))
                .scalableTargets()
                .stream()
                .filter(t -> t.resourceId().equals(resourceId))
                .findFirst()
                .map(target -> {
                    Bounds spec = new Bounds(desired.min(), desired.max());
                    List<ScheduledBounds.Action> actions = actions(context, desired, resourceId);
                    Instant answered = clock.instant();
                    Bounds shown = new Bounds(target.minCapacity(), target.maxCapacity());
                    var differences = new ArrayList<Difference>();
                    if (!ScheduledBounds.inForceDuring(spec, actions, asked.minus(LATE), answered)
                            .contains(shown)) {
                        Bounds expected = ScheduledBounds.inForce(spec, actions, answered);
                        Differences.compare(differences, MIN, expected.min(), shown.min());
                        Differences.compare(differences, MAX, expected.max(), shown.max());
                    }
                    return new Observation(target.resourceId(), Readiness.READY, differences);
                });
    }

    /**
     * The spec's schedules as AWS holds them, each firing in its time zone since AWS created its action
     * (DescribeScheduledActions' CreationTime, API reference "ScheduledAction"; one not created yet has
     * never fired). At most {@code ServiceRules.MAX_SCHEDULES} names, within one page of 50.
     */
    private List<ScheduledBounds.Action> actions(ResourceContext context, Desired desired, String resourceId) {
        if (desired.schedules().isEmpty()) {
            return List.of();
        }
        Map<String, Schedule> byName = desired.schedules().stream()
                .collect(Collectors.toMap(s -> context.nameOf(s.action()), Function.identity()));
        ZoneId zone = ZoneId.of(ScheduledActionHandler.TIMEZONE);
        return client(context)
                .describeScheduledActions(r -> r.serviceNamespace(NAMESPACE)
                        .resourceId(resourceId)
                        .scalableDimension(DIMENSION)
                        .scheduledActionNames(byName.keySet()))
                .scheduledActions()
                .stream()
                .filter(a -> byName.containsKey(a.scheduledActionName())
                        && a.resourceId().equals(resourceId))
                .map(a -> {
                    Schedule s = byName.get(a.scheduledActionName());
                    return new ScheduledBounds.Action(
                            ScheduleExpression.parse(s.expression(), zone),
                            new Bounds(s.min(), s.max()),
                            a.creationTime());
                })
                .toList();
    }

    /** NOTE: registering is an upsert: AWS and the emulator update an existing target's bounds. */
    @Override
    public String create(ResourceContext context, Desired desired) {
        String resourceId = resourceId(context, desired);
        client(context)
                .registerScalableTarget(r -> r.serviceNamespace(NAMESPACE)
                        .resourceId(resourceId)
                        .scalableDimension(DIMENSION)
                        .minCapacity(desired.min())
                        .maxCapacity(desired.max())
                        .tags(context.tags()));
        return resourceId;
    }

    /**
     * Registered again with the bounds in force alone (tags are taken only when the target is first
     * registered): a repair puts back the bounds of the schedule that fired last, not the spec's.
     */
    @Override
    public void update(ResourceContext context, Desired desired, Observation observed) {
        Bounds bounds = ScheduledBounds.inForce(
                new Bounds(desired.min(), desired.max()),
                actions(context, desired, observed.physicalId()),
                clock.instant());
        client(context)
                .registerScalableTarget(r -> r.serviceNamespace(NAMESPACE)
                        .resourceId(observed.physicalId())
                        .scalableDimension(DIMENSION)
                        .minCapacity(bounds.min())
                        .maxCapacity(bounds.max()));
    }

    /** Its policies and scheduled actions are dependents, so they are gone first. */
    @Override
    public void delete(ResourceContext context, Desired desired, Observation observed) {
        client(context)
                .deregisterScalableTarget(r -> r.serviceNamespace(NAMESPACE)
                        .resourceId(observed.physicalId())
                        .scalableDimension(DIMENSION));
    }
}
