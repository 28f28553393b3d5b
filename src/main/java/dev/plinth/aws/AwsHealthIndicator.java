package dev.plinth.aws;

import dev.plinth.engine.StepError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Health component {@code aws}, part of the readiness group: does the AWS endpoint (the configured
 * one, or the SDK's) answer this replica's credentials? STS GetCallerIdentity changes nothing and
 * needs no IAM permission. An answer is kept for {@link #KEEP}, so that every replica's probes do
 * not become load on AWS; a failure says only the classified AWS error.
 */
@Component("aws")
class AwsHealthIndicator implements HealthIndicator {

    static final Duration KEEP = Duration.ofSeconds(15);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private record Checked(Health health, Instant at) {}

    private final AwsClients aws;
    private final AwsErrors errors;
    private final Clock clock;
    private volatile @Nullable Checked last;

    AwsHealthIndicator(AwsClients aws, AwsErrors errors, Clock clock) {
        this.aws = aws;
        this.errors = errors;
        this.clock = clock;
    }

    @Override
    public Health health() {
        Checked checked = last;
        if (checked == null || !clock.instant().isBefore(checked.at().plus(KEEP))) {
            checked = new Checked(check(), clock.instant());
            last = checked;
        }
        return checked.health();
    }

    private Health check() {
        try {
            aws.sts().getCallerIdentity(r -> r.overrideConfiguration(o -> o.apiCallTimeout(CALL_TIMEOUT)));
            return Health.up().build();
        } catch (SdkException e) {
            StepError error = errors.classify(e);
            return Health.down().withDetail("error", error.describe()).build();
        }
    }
}
