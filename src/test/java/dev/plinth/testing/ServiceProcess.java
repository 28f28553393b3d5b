package dev.plinth.testing;

import dev.plinth.testing.behaviour.AwsTime;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The packaged service started the standard way ({@code java -jar}) as a separate process, configured
 * only through environment variables, so a test can kill it abruptly and start it again.
 */
public final class ServiceProcess implements AutoCloseable {

    /** The engine looks at what is not ready yet at least every two minutes of AWS's clock. */
    public static final Duration POLL = Duration.ofMinutes(2);

    /**
     * The rate limits of every service the suite starts (EndToEndTest gives its services the same): the one caller
     * the suite's tests share makes all their requests, hundreds of environments at a time in the busiest, and
     * polls without pause. Raised far above a person's or a portal's pace, not turned off.
     */
    public static final Map<String, String> SUITE_RATE_LIMITS = Map.of(
            "plinth.security.rate-limit.reads.per-minute", "60000",
            "plinth.security.rate-limit.reads.burst", "10000",
            "plinth.security.rate-limit.writes.per-minute", "6000",
            "plinth.security.rate-limit.writes.burst", "1000");

    private final Process process;
    private final int port;

    private ServiceProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts the jar built by {@code mvn package} and waits until {@code /actuator/health} answers.
     *
     * @param environment extra variables, for example {@code SPRING_DATASOURCE_URL}
     */
    public static ServiceProcess start(Map<String, String> environment, Path log) {
        return start(environment, Set.of(), log);
    }

    /**
     * As {@link #start(Map, Path)}, with {@code unset} removed from the variables the process inherits
     * (for example {@code AWS_ENDPOINT_URL}, so that it reaches AWS itself).
     */
    public static ServiceProcess start(Map<String, String> environment, Set<String> unset, Path log) {
        String jar = System.getProperty("plinth.test.jar", "target/plinth.jar");
        if (!new File(jar).isFile()) {
            throw new IllegalStateException(
                    jar + " is missing: run the tests with mvn verify, which packages it first");
        }
        int port = MotoServer.freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        // test processes start many times: a class-data archive (made on the first start) and C1 only start faster
        ProcessBuilder builder = new ProcessBuilder(
                        java,
                        "-XX:+AutoCreateSharedArchive",
                        "-XX:SharedArchiveFile=" + jar.replaceAll("\\.jar$", "") + "-test.jsa",
                        "-XX:TieredStopAtLevel=1",
                        "-jar",
                        jar)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeAll(unset);
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        builder.environment().put("PLINTH_BOOTSTRAP_ADMIN_TOKEN", PlinthApi.ADMIN_TOKEN);
        SUITE_RATE_LIMITS.forEach((name, value) -> builder.environment()
                .put(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), value));
        // as in EndToEndTest: the front runs AWS's durations on a scaled clock, a kind's own poll would outlast them
        builder.environment()
                .put(
                        "PLINTH_ENGINE_MAX_POLL_INTERVAL",
                        AwsTime.fromSystemProperty().of(POLL).toMillis() + "ms");
        builder.environment().putAll(environment);
        try {
            ServiceProcess service = new ServiceProcess(builder.start(), port);
            service.awaitHealthy(Duration.ofSeconds(90));
            return service;
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + jar, e);
        }
    }

    /**
     * The settings of a replica in production mode: this PostgreSQL database (from {@link PostgresServer}),
     * AWS at this endpoint with the emulator's dummy credentials in eu-central-1, and then {@code more}.
     */
    public static Map<String, String> onPostgres(String database, URI aws, Map<String, String> more) {
        var settings = new HashMap<>(Map.of(
                "SPRING_DATASOURCE_URL", database,
                "SPRING_DATASOURCE_USERNAME", PostgresServer.USER,
                "SPRING_DATASOURCE_PASSWORD", "",
                "AWS_ENDPOINT_URL", aws.toString(),
                "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test",
                "AWS_REGION", "eu-central-1"));
        settings.putAll(more);
        return settings;
    }

    public PlinthApi api() {
        return new PlinthApi(URI.create("http://127.0.0.1:" + port));
    }

    /** SIGTERM, and wait until it has exited: the graceful stop a platform does first. */
    public void terminate() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    /** SIGKILL: no shutdown hook, no graceful anything. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
    }

    private void awaitHealthy(Duration timeout) {
        PlinthApi api = api();
        Waits.until(
                timeout,
                () -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the service exited with " + process.exitValue());
                    }
                    try {
                        return api.get("/actuator/health").status();
                    } catch (IllegalStateException e) {
                        return -1;
                    }
                },
                status -> status == 200,
                "the service to answer /actuator/health");
    }
}
