package dev.plinth.aws.preflight;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The checks made before a new environment is planned or created, under {@code plinth.preflight}.
 *
 * @param concurrency reads made at a time for one check (each still takes its turn per AWS service)
 * @param budget      how long one check may take in all; what has not answered by then is reported
 *                    {@code UNCHECKED}
 * @param keepFor     how long answers that change only by someone's hand are kept: quota values, simulated
 *                    permissions, service-linked roles that exist and the instance classes RDS offers. What
 *                    the account uses of a quota is read every time. 0 reads everything every time.
 */
@ConfigurationProperties("plinth.preflight")
public record PreflightProperties(int concurrency, Duration budget, Duration keepFor) {

    /** A cache of answers kept for {@link #keepFor}, at most {@code size} of them. */
    <K, V> Cache<K, V> answers(int size) {
        return Caffeine.newBuilder().expireAfterWrite(keepFor).maximumSize(size).build();
    }
}
