package dev.plinth.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * LocalStack Pro in a container started by Testcontainers, the emulator of the Maven profile
 * {@code localstack}. It needs a Docker engine and {@code LOCALSTACK_AUTH_TOKEN} (see
 * {@link LocalStackPreflight}); the container goes when the JVM exits.
 */
final class LocalStackEmulator implements AwsEmulator {

    /** A pinned image; {@code -Dplinth.test.localstack.image=...} tries another. */
    private static final String IMAGE =
            System.getProperty("plinth.test.localstack.image", "localstack/localstack-pro:4.14.0");

    private final LocalStackContainer container;
    private final HttpClient http = HttpClient.newHttpClient();

    private LocalStackEmulator(LocalStackContainer container) {
        this.container = container;
    }

    /** Starts the container; fails with {@link LocalStackPreflight}'s reason first (for runs outside Maven, such as an IDE's). */
    static LocalStackEmulator start() {
        LocalStackPreflight.problem().ifPresent(reason -> {
            throw new IllegalStateException(reason);
        });
        LocalStackContainer container = new LocalStackContainer(DockerImageName.parse(IMAGE))
                .withEnv(LocalStackPreflight.TOKEN, System.getenv(LocalStackPreflight.TOKEN))
                .withStartupTimeout(Duration.ofMinutes(3));
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
        return new LocalStackEmulator(container);
    }

    @Override
    public URI endpoint() {
        return container.getEndpoint();
    }

    /** LocalStack's state reset: every service forgets its resources. */
    @Override
    public void reset() {
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(endpoint().resolve("/_localstack/state/reset"))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException(
                        "LocalStack's state reset answered " + r.statusCode() + ": " + r.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** LocalStack has no equivalent of moto's state manager: the calling test is skipped. */
    @Override
    public void slowDown(String model, int times) {
        Assumptions.abort("needs " + model + " to move on only after " + times
                + " reads (moto's state manager); LocalStack has no equivalent");
    }

    /** Nothing to undo: {@link #slowDown} never takes effect here. */
    @Override
    public void undoSlowDown(String model) {}
}
