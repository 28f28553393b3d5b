package dev.plinth.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.testing.FaultProxy;
import dev.plinth.testing.MotoServer;
import dev.plinth.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

/** The {@code aws} health component against the emulator, through the real SDK client. */
class AwsHealthIT {

    private static final MotoServer MOTO = MotoServer.shared();

    private final FaultProxy proxy = FaultProxy.to(MOTO.endpoint());
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private AwsClients aws;

    @AfterEach
    void close() {
        aws.close();
        proxy.close();
    }

    @Test
    void upWhileAwsAnswersDownWithTheAwsErrorOnceItStopsAndTheAnswerIsKeptMeanwhile() {
        AwsHealthIndicator health = indicator(proxy.endpoint());
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(proxy.count("GetCallerIdentity")).isEqualTo(1);

        proxy.failAlways("GetCallerIdentity", 500, "InternalError", "We encountered an internal error.");
        clock.advance(AwsHealthIndicator.KEEP.minusSeconds(1));
        assertThat(health.health().getStatus()).as("kept, not asked again").isEqualTo(Status.UP);
        assertThat(proxy.count("GetCallerIdentity")).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        var down = health.health();
        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(down.getDetails()).containsEntry("error", "InternalError: We encountered an internal error.");
    }

    @Test
    void downWhenNothingListensAtTheEndpoint() {
        URI closed = URI.create("http://127.0.0.1:" + MotoServer.freePort());
        var down = indicator(closed).health();
        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(down.getDetails().get("error")).asString().contains("ClientError");
    }

    private AwsHealthIndicator indicator(URI endpoint) {
        aws = new AwsClients(new AwsProperties(endpoint, 1, 4, Duration.ofSeconds(5)), new SimpleMeterRegistry());
        return new AwsHealthIndicator(aws, new AwsErrors(RetryProperties.AS_AWS), clock);
    }
}
