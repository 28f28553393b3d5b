package dev.plinth.testing.behaviour;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The states resources pass through on AWS's clock, by resource id: a create, change or delete starts
 * a passage (creating for six minutes, then backing-up for two), and the state an id is in is read off
 * the time since. Once the passage is over the id has no state here, and the emulator's answer stands.
 * Safe to share between threads.
 */
final class Timeline {

    /** One state and how long AWS keeps a resource in it (AWS's real duration, unscaled). */
    record Phase(String state, Duration lasts) {}

    private record Passage(long since, List<Phase> phases) {}

    private final AwsTime time;
    private final Map<String, Passage> passages = new ConcurrentHashMap<>();

    Timeline(AwsTime time) {
        this.time = time;
    }

    /** Starts a passage for {@code id} now, replacing any it was in. */
    void start(String id, Phase... phases) {
        passages.put(id, new Passage(time.now(), List.of(phases)));
    }

    /** The state {@code id} is in now, or empty when it is in no passage or its passage is over. */
    Optional<String> stateOf(String id) {
        return stateAt(id, time.now());
    }

    /** The state {@code id} is in at {@code now}, a value of {@link AwsTime#now()}. */
    Optional<String> stateAt(String id, long now) {
        Passage passage = id == null ? null : passages.get(id);
        if (passage == null) {
            return Optional.empty();
        }
        Duration until = Duration.ZERO;
        for (Phase phase : passage.phases()) {
            until = until.plus(phase.lasts());
            if (now - passage.since() < time.of(until).toNanos()) {
                return Optional.of(phase.state());
            }
        }
        return Optional.empty();
    }

    /** Whether {@code id} is in {@code state} now. */
    boolean isIn(String id, String state) {
        return stateOf(id).filter(state::equals).isPresent();
    }

    void reset() {
        passages.clear();
    }
}
