package dev.plinth.testing;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The AWS emulator (moto in server mode) for the whole test run: started once, on a free loopback
 * port, by {@code bin/moto-server} (which installs moto when it is missing), and stopped when the JVM
 * exits. Tests reset it between them instead of starting another.
 */
public final class MotoServer {

    private static MotoServer shared;

    private final Process process;
    private final URI endpoint;
    private final HttpClient http = HttpClient.newHttpClient();

    private MotoServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /**
     * The emulator every test class shares. Its ECS services report 10 running tasks, so a service
     * of up to 10 desired tasks is stable at once (moto otherwise reports 0 and none ever is).
     */
    public static synchronized MotoServer shared() {
        if (shared == null) {
            shared = start(Map.of("MOTO_ECS_SERVICE_RUNNING", "10"));
        }
        return shared;
    }

    /** Another emulator, with its own settings (moto reads some only from its environment); stopped at exit. */
    public static MotoServer start(Map<String, String> environment) {
        MotoServer server = launch(environment);
        Runtime.getRuntime().addShutdownHook(new Thread(server.process::destroy));
        return server;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Forgets every resource (state-manager transitions stay as set). */
    public void reset() {
        post("/moto-api/reset", null);
    }

    /**
     * Makes resources of a model (for example {@code cloudfront::distribution}) move to their next
     * state only after being described {@code times} times.
     */
    public void slowDown(String model, int times) {
        post("/moto-api/state-manager/set-transition",
                "{\"model_name\": \"" + model + "\", \"transition\": {\"progression\": \"manual\", \"times\": " + times + "}}");
    }

    private static MotoServer launch(Map<String, String> environment) {
        int port = freePort();
        try {
            File log = new File("target/moto-server-" + port + ".log");
            log.getParentFile().mkdirs();
            ProcessBuilder builder = new ProcessBuilder("bin/moto-server", String.valueOf(port))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log));
            builder.environment().putAll(environment);
            Process process = builder.start();
            MotoServer server = new MotoServer(process, URI.create("http://127.0.0.1:" + port));
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
                throw new IllegalStateException("moto exited with " + process.exitValue() + "; see target/moto-server-" + endpoint.getPort() + ".log");
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/")).build(),
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
        throw new IllegalStateException("moto did not answer within " + timeout + "; see target/moto-server-" + endpoint.getPort() + ".log");
    }

    private void post(String path, String json) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(endpoint.resolve(path))
                    .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                    .build(), HttpResponse.BodyHandlers.ofString());
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

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
