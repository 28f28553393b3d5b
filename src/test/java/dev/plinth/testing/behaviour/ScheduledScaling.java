package dev.plinth.testing.behaviour;

import dev.plinth.aws.compute.ScheduleExpression;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Scheduled scaling acts: when a scheduled action's time comes, Application Auto Scaling sets its
 * scalable target's MinCapacity and MaxCapacity by itself (Application Auto Scaling User Guide,
 * "Scheduled scaling"; API reference, PutScheduledAction: at, rate and cron schedules, in the action's
 * Timezone, UTC by default). The emulator stores scheduled actions and never runs them.
 *
 * <p>This remembers every PutScheduledAction and RegisterScalableTarget made through the front, and
 * answers DescribeScalableTargets with each bound as the last of them set it: a registration, or a
 * scheduled action that fired after it. Schedules fire by the wall clock (their times are absolute, and
 * the engine reads them by the same clock); {@link #fireNow} makes an action fire at once. Out of scope:
 * AWS then also moves the ECS service's desired count into the new bounds, which this does not.
 */
public final class ScheduledScaling implements Behaviour {

    public static final String NAME = "scheduled-scaling";

    private record Target(String region, String resourceId, String dimension) {}

    private record ActionKey(Target target, String name) {}

    /** What a PutScheduledAction asked; {@code min} or {@code max} is null when it leaves that bound. */
    private record Action(ScheduleExpression schedule, Integer min, Integer max, Instant created) {}

    private final Clock clock;
    private final Map<ActionKey, Action> actions = new ConcurrentHashMap<>();
    private final Map<ActionKey, Instant> firedByHand = new ConcurrentHashMap<>();
    private final Map<Target, Instant> registered = new ConcurrentHashMap<>();

    public ScheduledScaling(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Makes every remembered scheduled action of this name fire now, whatever its schedule says. */
    public void fireNow(String scheduledActionName) {
        Instant now = clock.instant();
        actions.keySet().stream()
                .filter(k -> k.name().equals(scheduledActionName))
                .forEach(k -> firedByHand.put(k, now));
    }

    @Override
    public AwsAnswer after(AwsCall call, AwsAnswer answer) {
        if (!call.service().equals("application-autoscaling") || !answer.ok()) {
            return answer;
        }
        JsonNode request = call.json();
        switch (call.action()) {
            case "RegisterScalableTarget" -> registered.put(target(call, request), clock.instant());
            case "DeregisterScalableTarget" -> {
                Target target = target(call, request);
                registered.remove(target);
                actions.keySet().removeIf(k -> k.target().equals(target));
            }
            case "PutScheduledAction" -> put(call, request);
            case "DeleteScheduledAction" ->
                actions.remove(new ActionKey(
                        target(call, request),
                        request.path("ScheduledActionName").asString()));
            case "DescribeScalableTargets" -> {
                return answer.withJson(inForce(call.region(), answer.json()));
            }
            default -> {}
        }
        return answer;
    }

    private void put(AwsCall call, JsonNode request) {
        ActionKey key = new ActionKey(
                target(call, request), request.path("ScheduledActionName").asString());
        String zone = request.path("Timezone").asString("UTC");
        JsonNode bounds = request.path("ScalableTargetAction");
        // NOTE: an update keeps the action's CreationTime, as DescribeScheduledActions shows it
        Instant created =
                Optional.ofNullable(actions.get(key)).map(Action::created).orElseGet(clock::instant);
        actions.put(
                key,
                new Action(
                        ScheduleExpression.parse(request.path("Schedule").asString(), ZoneId.of(zone)),
                        bounds.has("MinCapacity") ? bounds.get("MinCapacity").asInt() : null,
                        bounds.has("MaxCapacity") ? bounds.get("MaxCapacity").asInt() : null,
                        created));
        firedByHand.remove(key);
    }

    private JsonNode inForce(String region, JsonNode answer) {
        Instant now = clock.instant();
        for (JsonNode t : answer.path("ScalableTargets")) {
            Target target = new Target(
                    region,
                    t.path("ResourceId").asString(),
                    t.path("ScalableDimension").asString());
            Instant since = registered.getOrDefault(target, Instant.MIN);
            ObjectNode shown = (ObjectNode) t;
            // each bound is set by the action that fired last among those that set it
            firings(target, now)
                    .filter(f -> f.at().isAfter(since))
                    .sorted(Comparator.comparing(Firing::at))
                    .forEach(f -> {
                        if (f.action().min() != null) {
                            shown.put("MinCapacity", f.action().min());
                        }
                        if (f.action().max() != null) {
                            shown.put("MaxCapacity", f.action().max());
                        }
                    });
        }
        return answer;
    }

    private record Firing(Action action, Instant at) {}

    /** The last time each action of the target fired, by its schedule or by hand. */
    private Stream<Firing> firings(Target target, Instant now) {
        return actions.entrySet().stream()
                .filter(e -> e.getKey().target().equals(target))
                .flatMap(e -> {
                    Action action = e.getValue();
                    Optional<Instant> scheduled = action.schedule().lastFiring(action.created(), now);
                    Optional<Instant> byHand = Optional.ofNullable(firedByHand.get(e.getKey()));
                    return Stream.concat(scheduled.stream(), byHand.stream())
                            .max(Comparator.naturalOrder())
                            .map(at -> new Firing(action, at))
                            .stream();
                });
    }

    private static Target target(AwsCall call, JsonNode request) {
        return new Target(
                call.region(),
                request.path("ResourceId").asString(),
                request.path("ScalableDimension").asString());
    }

    @Override
    public void reset() {
        actions.clear();
        firedByHand.clear();
        registered.clear();
    }
}
