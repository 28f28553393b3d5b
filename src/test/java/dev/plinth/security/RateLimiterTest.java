package dev.plinth.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.plinth.security.RateLimitProperties.Limit;
import dev.plinth.security.RateLimiter.CallerKey;
import dev.plinth.security.RateLimiter.Decision;
import dev.plinth.security.RateLimiter.Kind;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The limiter's decisions, on a clock the test moves: who is refused, for how long, and who is not. */
class RateLimiterTest {

    private static final CallerKey ANA = new CallerKey("jwt", "ana@example.com", Optional.of("payments"));
    private static final CallerKey BOB = new CallerKey("jwt", "bob@example.com", Optional.of("payments"));

    private final ManualTime time = new ManualTime();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void aCallerGetsItsBurstThenA429ThatSaysWhenATokenIsBack() {
        RateLimiter limiter = limiter(new Limit(600, 100), new Limit(60, 3));

        assertThat(IntStream.range(0, 3).mapToObj(i -> limiter.take(ANA, Kind.WRITES)))
                .extracting(Decision::allowed, Decision::remaining)
                .containsExactly(tuple(true, 2L), tuple(true, 1L), tuple(true, 0L));
        Decision refused = limiter.take(ANA, Kind.WRITES);

        // 60 a minute: one token a second; the bucket of 3 is full again 3 s after it was emptied
        assertThat(refused).isEqualTo(new Decision(false, Kind.WRITES, 3, 60, 0, 1, 3));
        assertThat(registry.counter("plinth.http.rate-limited", "limit", "writes")
                        .count())
                .isEqualTo(1);
    }

    @Test
    void tokensFlowBackEvenlyAndARefusedCallerIsServedOnceOneIsBack() {
        RateLimiter limiter = limiter(new Limit(600, 100), new Limit(60, 2));
        limiter.take(ANA, Kind.WRITES);
        limiter.take(ANA, Kind.WRITES);

        time.advance(Duration.ofMillis(999));
        assertThat(limiter.take(ANA, Kind.WRITES).allowed())
                .as("a token a second: not yet")
                .isFalse();
        time.advance(Duration.ofMillis(1));
        assertThat(limiter.take(ANA, Kind.WRITES).allowed()).isTrue();
        assertThat(limiter.take(ANA, Kind.WRITES).allowed())
                .as("only one came back")
                .isFalse();
        time.advance(Duration.ofMinutes(5));
        assertThat(limiter.take(ANA, Kind.WRITES).remaining())
                .as("never more than the burst")
                .isEqualTo(1);
    }

    @Test
    void retryAfterIsInWholeSecondsRoundedUpAndNeverZero() {
        // 7 a minute: a token every 8.57 s
        RateLimiter limiter = limiter(new Limit(600, 100), new Limit(7, 1));
        limiter.take(ANA, Kind.WRITES);

        assertThat(limiter.take(ANA, Kind.WRITES).retryAfter()).isEqualTo(9);
        time.advance(Duration.ofMillis(8_500));
        assertThat(limiter.take(ANA, Kind.WRITES).retryAfter())
                .as("71 ms to go")
                .isEqualTo(1);
    }

    @Test
    void oneCallerAtItsLimitLeavesAnotherAndItsOwnReadsAlone() {
        RateLimiter limiter = limiter(new Limit(600, 2), new Limit(60, 2));
        limiter.take(ANA, Kind.WRITES);
        limiter.take(ANA, Kind.WRITES);

        assertThat(limiter.take(ANA, Kind.WRITES).allowed()).isFalse();
        assertThat(limiter.take(BOB, Kind.WRITES).allowed())
                .as("another caller")
                .isTrue();
        assertThat(limiter.take(ANA, Kind.READS).allowed())
                .as("the same caller's reads")
                .isTrue();
        assertThat(limiter.take(new CallerKey("token", "ana@example.com", Optional.of("payments")), Kind.WRITES)
                        .allowed())
                .as("an API token of the same name")
                .isTrue();
        assertThat(limiter.take(new CallerKey("jwt", "ana@example.com", Optional.of("billing")), Kind.WRITES)
                        .allowed())
                .as("the same name in another team")
                .isTrue();
    }

    @Test
    void readsAreGetHeadAndOptionsAndEverythingElseIsAWrite() {
        assertThat(List.of("GET", "HEAD", "OPTIONS"))
                .allSatisfy(m -> assertThat(Kind.of(m)).isEqualTo(Kind.READS));
        assertThat(List.of("POST", "PUT", "PATCH", "DELETE", "TRACE"))
                .allSatisfy(m -> assertThat(Kind.of(m)).isEqualTo(Kind.WRITES));
    }

    @Test
    void anIdleCallerIsForgottenOnlyOnceItsBucketsAreFullAgain() {
        // reads fill up in 30 s, writes in 60 s: an idle caller's buckets are kept 61 s
        RateLimiter limiter = limiter(new Limit(1200, 600), new Limit(60, 60));
        IntStream.range(0, 60).forEach(i -> limiter.take(ANA, Kind.WRITES));

        time.advance(Duration.ofSeconds(59));
        assertThat(limiter.callersHeld()).isEqualTo(1);
        assertThat(limiter.take(ANA, Kind.WRITES).remaining())
                .as("59 tokens back, one taken")
                .isEqualTo(58);
        time.advance(Duration.ofSeconds(62));
        assertThat(limiter.callersHeld()).isZero();
    }

    @Test
    void theBucketsHeldAreBoundedWhateverTheNumberOfCallers() {
        RateLimiter limiter =
                new RateLimiter(new RateLimitProperties(new Limit(600, 100), new Limit(60, 20), 100), registry, time);

        IntStream.range(0, 1_000)
                .forEach(i -> limiter.take(new CallerKey("jwt", "script-" + i, Optional.empty()), Kind.READS));

        assertThat(limiter.callersHeld()).isLessThanOrEqualTo(100);
    }

    private RateLimiter limiter(Limit reads, Limit writes) {
        return new RateLimiter(new RateLimitProperties(reads, writes, 10_000), registry, time);
    }

    /** Bucket4j's and the cache's clock, moved by the test. */
    private static final class ManualTime implements TimeMeter {

        private long nanos = 1_000_000_000L;

        void advance(Duration by) {
            nanos += by.toNanos();
        }

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }
}
