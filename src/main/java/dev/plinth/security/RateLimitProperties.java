package dev.plinth.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How many requests each caller may make, under {@code plinth.security.rate-limit}: a token bucket per caller
 * for reads ({@code GET}, {@code HEAD}, {@code OPTIONS}) and one for writes (every other method, plans
 * included). The limits hold per replica.
 *
 * @param reads      the reads' limit
 * @param writes     the writes' limit
 * @param maxCallers the most callers whose buckets a replica keeps at once; beyond it the least recently seen
 *                   is forgotten, and starts again with a full bucket
 */
@ConfigurationProperties("plinth.security.rate-limit")
public record RateLimitProperties(Limit reads, Limit writes, int maxCallers) {

    public RateLimitProperties {
        if (reads == null || writes == null) {
            throw new IllegalArgumentException("plinth.security.rate-limit needs both reads and writes");
        }
        if (maxCallers < 1) {
            throw new IllegalArgumentException(
                    "plinth.security.rate-limit.max-callers must be 1 or more, not " + maxCallers);
        }
    }

    /**
     * One bucket: it holds {@code burst} tokens, a request takes one, and {@code perMinute} flow back in a
     * minute, evenly (greedily: a token as soon as its share of the minute has passed).
     *
     * @param perMinute the sustained rate
     * @param burst     how many requests may come at once after a quiet spell
     */
    public record Limit(long perMinute, long burst) {

        public Limit {
            if (perMinute < 1 || burst < 1) {
                throw new IllegalArgumentException(
                        "a rate limit needs per-minute and burst of 1 or more, not " + perMinute + " and " + burst);
            }
        }
    }
}
