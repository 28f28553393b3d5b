package dev.plinth.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Polling for test code: the service works asynchronously, tests wait for what it reports. */
public final class Waits {

    private Waits() {}

    /** Polls until {@code value} satisfies {@code done}; fails with the last value seen after {@code timeout}. */
    public static <T> T until(Duration timeout, Supplier<T> value, java.util.function.Predicate<T> done, String what) {
        Instant deadline = Instant.now().plus(timeout);
        T last = value.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("waited " + timeout + " for " + what + "; last seen: " + last);
            }
            pause(Duration.ofMillis(100));
            last = value.get();
        }
        return last;
    }

    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
