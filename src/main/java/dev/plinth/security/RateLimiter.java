package dev.plinth.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Decides whether a caller may make one more request, from a token bucket per caller and kind of request
 * (Bucket4j, refilled greedily). A caller that uses up its bucket is refused until tokens flow back; the
 * others keep theirs.
 *
 * <p>The buckets live in this replica's memory only: with N replicas behind a load balancer a caller may make
 * up to N times the limit. They are kept in a bounded cache ({@link RateLimitProperties#maxCallers()}), and a
 * caller's entry is dropped once it has been idle long enough for both its buckets to be full again, so that
 * forgetting it forgives nothing.
 */
@Component
final class RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

    /** Which bucket a request takes its token from. */
    enum Kind {
        /** {@code GET}, {@code HEAD} and {@code OPTIONS}. */
        READS,
        /** Every other method: whatever creates, changes, plans or deletes. */
        WRITES;

        static Kind of(String method) {
            return switch (method) {
                case "GET", "HEAD", "OPTIONS" -> READS;
                default -> WRITES;
            };
        }

        String singular() {
            return this == READS ? "read" : "write";
        }
    }

    /**
     * Whose buckets: one per caller, never per credential value (no secret is held or logged).
     *
     * @param kind how the caller authenticated ({@code jwt} or {@code token}), so that a JWT subject and an API
     *             token of the same name are different callers
     * @param name the JWT's subject or the token's name
     * @param team the caller's team, empty for an admin of every team
     */
    record CallerKey(String kind, String name, Optional<String> team) {

        @Override
        public String toString() {
            return kind + " '" + name + "'"
                    + team.map(t -> " of team '" + t + "'").orElse("");
        }
    }

    /**
     * The answer for one request.
     *
     * @param allowed    whether the request took a token and may go on
     * @param kind       the bucket it was counted against
     * @param limit      the bucket's size (the burst)
     * @param perMinute  the bucket's refill per minute
     * @param remaining  the tokens left after this request
     * @param retryAfter for a refused request, how long until a token is back: whole seconds, rounded up, at
     *                   least 1; zero when allowed
     * @param reset      how long until the bucket is full again, in whole seconds rounded up
     */
    record Decision(
            boolean allowed, Kind kind, long limit, long perMinute, long remaining, long retryAfter, long reset) {}

    private final RateLimitProperties properties;
    private final TimeMeter time;
    private final Map<Kind, Counter> refused = new EnumMap<>(Kind.class);
    private final Cache<CallerKey, Buckets> callers;

    @Autowired
    RateLimiter(RateLimitProperties properties, MeterRegistry registry) {
        this(properties, registry, TimeMeter.SYSTEM_NANOTIME);
    }

    /** With {@code time} as both the buckets' and the cache's clock. */
    RateLimiter(RateLimitProperties properties, MeterRegistry registry, TimeMeter time) {
        this.properties = properties;
        for (Kind kind : Kind.values()) {
            refused.put(
                    kind,
                    registry.counter(
                            "plinth.http.rate-limited", "limit", kind.name().toLowerCase(Locale.ROOT)));
        }
        this.time = time;
        this.callers = Caffeine.newBuilder()
                .maximumSize(properties.maxCallers())
                .expireAfterAccess(max(refillTime(properties.reads()), refillTime(properties.writes())))
                .ticker(time::currentTimeNanos)
                .executor(Runnable::run)
                .build();
    }

    /** Takes a token for one request of {@code kind} by {@code caller}, when there is one. */
    Decision take(CallerKey caller, Kind kind) {
        Buckets buckets =
                callers.get(caller, key -> new Buckets(bucket(properties.reads()), bucket(properties.writes())));
        RateLimitProperties.Limit limit = kind == Kind.READS ? properties.reads() : properties.writes();
        ConsumptionProbe probe = buckets.of(kind).tryConsumeAndReturnRemaining(1);
        AtomicBoolean limited = buckets.limited(kind);
        if (probe.isConsumed()) {
            limited.set(false);
            return new Decision(
                    true,
                    kind,
                    limit.burst(),
                    limit.perMinute(),
                    probe.getRemainingTokens(),
                    0,
                    seconds(probe.getNanosToWaitForReset()));
        }
        Objects.requireNonNull(refused.get(kind), "a counter for every kind").increment();
        if (limited.compareAndSet(false, true)) {
            // once per spell over the limit, not once per refused request: a runaway script must not flood the log
            log.warn(
                    "{} used up its {} limit ({} per minute, bursts of {}) on this replica: its {}s are answered 429 "
                            + "until tokens flow back",
                    caller,
                    kind.singular(),
                    limit.perMinute(),
                    limit.burst(),
                    kind.singular());
        }
        return new Decision(
                false,
                kind,
                limit.burst(),
                limit.perMinute(),
                0,
                Math.max(1, seconds(probe.getNanosToWaitForRefill())),
                seconds(probe.getNanosToWaitForReset()));
    }

    /** How many callers this replica holds buckets for now (after any due expiry). */
    long callersHeld() {
        callers.cleanUp();
        return callers.estimatedSize();
    }

    private Bucket bucket(RateLimitProperties.Limit limit) {
        return Bucket.builder()
                .addLimit(bandwidth ->
                        bandwidth.capacity(limit.burst()).refillGreedy(limit.perMinute(), Duration.ofMinutes(1)))
                .withCustomTimePrecision(time)
                .build();
    }

    /**
     * How long an empty bucket of {@code limit} takes to fill up (and a second more): a caller idle for the
     * longer of its two is forgotten.
     */
    private static Duration refillTime(RateLimitProperties.Limit limit) {
        return Duration.ofMinutes(1)
                .multipliedBy(limit.burst())
                .dividedBy(limit.perMinute())
                .plusSeconds(1);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static long seconds(long nanos) {
        return Math.ceilDiv(nanos, TimeUnit.SECONDS.toNanos(1));
    }

    /** A caller's two buckets, and whether each is refusing now (to log the start of a spell only). */
    private record Buckets(Bucket reads, Bucket writes, AtomicBoolean readsLimited, AtomicBoolean writesLimited) {

        Buckets(Bucket reads, Bucket writes) {
            this(reads, writes, new AtomicBoolean(), new AtomicBoolean());
        }

        Bucket of(Kind kind) {
            return kind == Kind.READS ? reads : writes;
        }

        AtomicBoolean limited(Kind kind) {
            return kind == Kind.READS ? readsLimited : writesLimited;
        }
    }
}
