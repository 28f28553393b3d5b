package dev.plinth.aws.compute;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bounds a scalable target has at an instant, as AWS makes them: a scheduled action sets the
 * target's min and max when it fires (Application Auto Scaling User Guide, "Scheduled scaling"), so the
 * bounds in force are those of the action that fired last, or the spec's when none has fired since it
 * was created. Changing them back is not repairing drift: it is undoing a schedule.
 */
final class ScheduledBounds {

    record Bounds(int min, int max) {}

    /** One of the target's scheduled actions: when it fires, what it sets, and since when it exists. */
    record Action(ScheduleExpression schedule, Bounds bounds, Instant created) {}

    private ScheduledBounds() {}

    static Bounds inForce(Bounds spec, List<Action> actions, Instant now) {
        return actions.stream()
                .flatMap(a -> a.schedule().lastFiring(a.created(), now).map(at -> Map.entry(at, a.bounds())).stream())
                .max(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .map(Map.Entry::getValue)
                .orElse(spec);
    }

    /**
     * Every pair of bounds in force at some instant of {@code [from, to]}: those in force at {@code from},
     * and those of each action that fired after it. A target read in that span may rightly show any of
     * them.
     */
    static Set<Bounds> inForceDuring(Bounds spec, List<Action> actions, Instant from, Instant to) {
        var bounds = new LinkedHashSet<Bounds>();
        bounds.add(inForce(spec, actions, from));
        actions.stream()
                .filter(a -> a.schedule().lastFiring(max(a.created(), from), to).isPresent())
                .forEach(a -> bounds.add(a.bounds()));
        return bounds;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
