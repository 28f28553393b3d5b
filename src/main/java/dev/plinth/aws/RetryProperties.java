package dev.plinth.aws;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the engine's retries of AWS errors are timed, under {@code plinth.aws.retry}.
 *
 * @param timeScale multiplies every rule's waits ({@link RetryPolicy}): 1 for AWS; a test suite whose
 *                  emulated AWS runs on a faster clock makes them shorter in proportion
 */
@ConfigurationProperties("plinth.aws.retry")
public record RetryProperties(@DefaultValue("1") double timeScale) {

    /** AWS's own timing. */
    public static final RetryProperties AS_AWS = new RetryProperties(1);

    public RetryProperties {
        if (timeScale <= 0) {
            throw new IllegalArgumentException("plinth.aws.retry.time-scale must be positive: " + timeScale);
        }
    }
}
