package dev.plinth.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Spaces drift checks so that each AWS service gets, on average, at most a given number of
 * observations a second: a token bucket per service that hands out start times instead of making
 * anyone wait. One check's observations start together, so the rate holds over checks, not within one.
 * Not thread-safe: the periodic sweep, which runs on one replica at a time, is its only user.
 */
final class ObservationBudget {

    private final double perSecond;
    private final Map<String, Instant> nextFree = new HashMap<>();

    ObservationBudget(double perSecond) {
        this.perSecond = perSecond;
    }

    /**
     * When a check that makes {@code observations} (by AWS service) may start, no earlier than
     * {@code earliest}; the observations are counted against each service from then on.
     */
    Instant reserve(Map<String, Integer> observations, Instant earliest) {
        Instant start = earliest;
        for (String service : observations.keySet()) {
            Instant free = nextFree.getOrDefault(service, earliest);
            start = free.isAfter(start) ? free : start;
        }
        for (Map.Entry<String, Integer> e : observations.entrySet()) {
            nextFree.put(e.getKey(), start.plus(Duration.ofMillis(Math.round(e.getValue() * 1000 / perSecond))));
        }
        return start;
    }

    /** The AWS service of a resource kind: {@code EC2} for {@code AWS::EC2::Subnet}. */
    static String serviceOf(String kind) {
        String[] parts = kind.split("::");
        return parts.length > 1 ? parts[1] : kind;
    }
}
