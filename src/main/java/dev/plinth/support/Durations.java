package dev.plinth.support;

import java.time.Duration;

/** Durations as people write them in messages: {@code 10m}, {@code 1h30m}, {@code 45s}, {@code 200ms}. */
public final class Durations {

    private Durations() {}

    public static String human(Duration d) {
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            return d.toMillis() + "ms";
        }
        StringBuilder out = new StringBuilder();
        if (d.toHours() > 0) {
            out.append(d.toHours()).append('h');
        }
        if (d.toMinutesPart() > 0) {
            out.append(d.toMinutesPart()).append('m');
        }
        if (d.toSecondsPart() > 0 || out.isEmpty()) {
            out.append(d.toSecondsPart()).append('s');
        }
        return out.toString();
    }
}
