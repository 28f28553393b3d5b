package dev.plinth.aws;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How plinth talks to AWS, under {@code plinth.aws}. Credentials and, by default, endpoints come from
 * the SDK's own settings (the default provider chain, {@code AWS_ENDPOINT_URL}).
 *
 * @param endpoint    one endpoint for every service, overriding the SDK's; for emulators and tests
 * @param maxAttempts attempts per call in the SDK's standard retry mode (throttling and 5xx answers),
 *                    before the engine's own, slower retries take over
 * @param maxConcurrentCalls calls to one AWS service at a time from one replica; more wait their turn
 * @param callSlotWait       how long a call waits for its turn before it fails as retryable
 */
@ConfigurationProperties("plinth.aws")
public record AwsProperties(URI endpoint, int maxAttempts, int maxConcurrentCalls, Duration callSlotWait) {}
