package dev.plinth.testing.behaviour;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The behaviour layer's clock: AWS's real durations (an RDS instance takes minutes to create), scaled
 * down for the suite. The scale is the system property {@code plinth.aws.time-scale}: 1 gives AWS's
 * durations (the benchmark), the suite's default 0.002 makes eight minutes about a second.
 */
public final class AwsTime {

    /** The suite's default: AWS's minutes become the suite's seconds. */
    public static final double SUITE_SCALE = 0.002;

    private final double scale;
    private final LongSupplier clock;

    private AwsTime(double scale, LongSupplier clock) {
        this.scale = scale;
        this.clock = clock;
    }

    public static AwsTime fromSystemProperty() {
        return scaled(Double.parseDouble(System.getProperty("plinth.aws.time-scale", String.valueOf(SUITE_SCALE))));
    }

    public static AwsTime scaled(double scale) {
        return new AwsTime(scale, System::nanoTime);
    }

    /** AWS's durations at full length on a clock that moves only as {@code nanos} says: for unit tests. */
    static AwsTime manual(LongSupplier nanos) {
        return new AwsTime(1, nanos);
    }

    /** The fraction of AWS's durations things last here. */
    public double scale() {
        return scale;
    }

    /** How long {@code real} lasts here. */
    public Duration of(Duration real) {
        return Duration.ofNanos((long) (real.toNanos() * scale));
    }

    /** Nanoseconds since an arbitrary origin, for measuring what has elapsed. */
    public long now() {
        return clock.getAsLong();
    }

    /** Whether {@code real} (scaled) has passed since {@code since}, a value of {@link #now()}. */
    public boolean elapsed(long since, Duration real) {
        return now() - since >= of(real).toNanos();
    }
}
