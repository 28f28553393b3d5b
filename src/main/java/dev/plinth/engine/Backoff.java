package dev.plinth.engine;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a failed step is tried again: the retry rule its error falls under, and that rule's bounded
 * exponential backoff. The wait doubles from {@code base} after each attempt up to {@code cap}, with
 * jitter over its upper half, so that steps failing together do not come back together.
 *
 * @param rule        the rule's name, shown in retry events: {@code throttling}, {@code iam-propagation}…
 * @param maxAttempts attempts of the step, the first included, before it fails for good
 */
public record Backoff(String rule, Duration base, Duration cap, int maxAttempts) {

    public Backoff {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("a backoff needs 0 < base <= cap and at least one attempt: " + this);
        }
    }

    /** Whether the step may be tried again after {@code attempts} failed attempts. */
    public boolean allowsAnother(int attempts) {
        return attempts < maxAttempts;
    }

    /** The wait after the {@code attempts}-th failed attempt: between half of and the capped doubling. */
    public Duration delayAfter(int attempts) {
        long capped = Math.min(cap.toMillis(), base.toMillis() << Math.min(attempts - 1, 20));
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }
}
