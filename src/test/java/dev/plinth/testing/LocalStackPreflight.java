package dev.plinth.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.Optional;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * Whether LocalStack can run here: a Docker engine, as Testcontainers finds it, and a LocalStack Pro
 * auth token. The Maven profile {@code localstack} runs {@link #main} once, before any test, so that
 * a missing one stops the build with one line instead of failing every end-to-end test.
 */
public final class LocalStackPreflight {

    /** The suite needs services that only LocalStack Pro emulates; its image needs this token. */
    static final String TOKEN = "LOCALSTACK_AUTH_TOKEN";

    private LocalStackPreflight() {}

    /**
     * Throws, and so fails the build step that runs it, with the reason LocalStack cannot run here, if
     * any. The reason is the whole message: Testcontainers' own log of each way it tried to reach
     * Docker is turned off here, and the exception carries no stack trace.
     */
    public static void main(String[] args) {
        if (LoggerFactory.getLogger("org.testcontainers") instanceof Logger logger) {
            logger.setLevel(Level.OFF);
        }
        problem().ifPresent(reason -> {
            IllegalStateException stop = new IllegalStateException(reason);
            stop.setStackTrace(new StackTraceElement[0]);
            throw stop;
        });
    }

    /** Why LocalStack cannot run here, or empty when it can. */
    static Optional<String> problem() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            String dockerHost = System.getenv("DOCKER_HOST");
            String seen = dockerHost == null || dockerHost.isBlank()
                    ? "Testcontainers found no DOCKER_HOST and no Docker socket that answers"
                    : "Testcontainers got no answer from DOCKER_HOST=" + dockerHost;
            return Optional.of("the localstack profile needs a Docker engine (none found: " + seen
                    + "); run without -Plocalstack to use moto");
        }
        String token = System.getenv(TOKEN);
        if (token == null || token.isBlank()) {
            return Optional.of("the localstack profile needs LocalStack Pro (the suite uses RDS, ECS, ELBv2, EFS, "
                    + "CloudFront and more, which only Pro emulates): set " + TOKEN
                    + "; run without -Plocalstack to use moto");
        }
        return Optional.empty();
    }
}
