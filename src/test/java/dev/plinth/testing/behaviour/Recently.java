package dev.plinth.testing.behaviour;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a behaviour saw happen a moment ago, by key (a role's ARN, a subnet's id), on the layer's
 * clock: "made within the last ten seconds of AWS's time". Safe from many threads.
 */
final class Recently {

    private final AwsTime time;
    private final Duration real;
    private final Map<String, Long> since = new ConcurrentHashMap<>();

    /** @param real how long AWS takes before the key is no longer recent, as AWS's real duration */
    Recently(AwsTime time, Duration real) {
        this.time = time;
        this.real = real;
    }

    void happened(String key) {
        since.put(key, time.now());
    }

    /** Whether it happened within the duration; forgets it once it is past. */
    boolean isRecent(String key) {
        Long at = since.get(key);
        if (at == null) {
            return false;
        }
        if (time.elapsed(at, real)) {
            since.remove(key, at);
            return false;
        }
        return true;
    }

    /**
     * Marks the key as happening now unless it happened recently: true when it did (the caller is
     * refused), false when this call is the one that happens. Atomic, for calls racing each other.
     */
    boolean happenedRecentlyElseNow(String key) {
        long now = time.now();
        boolean[] recent = new boolean[1];
        since.compute(key, (k, at) -> {
            recent[0] = at != null && !time.elapsed(at, real);
            return recent[0] ? at : now;
        });
        return recent[0];
    }

    void forget() {
        since.clear();
    }
}
