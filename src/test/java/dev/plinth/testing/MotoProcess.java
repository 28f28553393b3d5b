package dev.plinth.testing;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * moto in server mode, run by {@code bin/moto-server} (which installs moto when it is missing) on a
 * free loopback port, and stopped when the JVM exits. The default emulator of the end-to-end tests.
 */
final class MotoProcess implements AwsEmulator {

    private final Process process;
    private final URI endpoint;
    private final HttpClient http = HttpClient.newHttpClient();

    private MotoProcess(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** A moto server with these settings in its environment (moto reads some only from there); stopped at exit. */
    static MotoProcess start(Map<String, String> environment) {
        MotoProcess server = launch(environment);
        Runtime.getRuntime().addShutdownHook(new Thread(server.process::destroy));
        return server;
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    /** Forgets every resource (state-manager transitions stay as set). */
    @Override
    public void reset() {
        post("/moto-api/reset", null);
    }

    /** Through moto's state manager: the model's resources move on after {@code times} reads ({@code manual} progression). */
    @Override
    public void slowDown(String model, int times) {
        post(
                "/moto-api/state-manager/set-transition",
                "{\"model_name\": \"" + model + "\", \"transition\": {\"progression\": \"manual\", \"times\": " + times
                        + "}}");
    }

    @Override
    public void undoSlowDown(String model) {
        slowDown(model, 1);
    }

    private static MotoProcess launch(Map<String, String> environment) {
        int port = MotoServer.freePort();
        try {
            File log = new File("target/moto-server-" + port + ".log");
            log.getParentFile().mkdirs();
            ProcessBuilder builder = new ProcessBuilder("bin/moto-server", String.valueOf(port))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log));
            builder.environment().putAll(environment);
            Process process = builder.start();
            MotoProcess server = new MotoProcess(process, URI.create("http://127.0.0.1:" + port));
            server.awaitUp(Duration.ofMinutes(5));
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("could not start bin/moto-server", e);
        }
    }

    private void awaitUp(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto exited with " + process.exitValue() + "; see target/moto-server-"
                        + endpoint.getPort() + ".log");
            }
            try {
                HttpResponse<Void> r = http.send(
                        HttpRequest.newBuilder(endpoint.resolve("/moto-api/")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Waits.pause(Duration.ofMillis(200));
        }
        throw new IllegalStateException(
                "moto did not answer within " + timeout + "; see target/moto-server-" + endpoint.getPort() + ".log");
    }

    private void post(String path, String json) {
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(endpoint.resolve(path))
                            .POST(
                                    json == null
                                            ? HttpRequest.BodyPublishers.noBody()
                                            : HttpRequest.BodyPublishers.ofString(json))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
