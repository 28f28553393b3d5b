package dev.plinth.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A throwaway PostgreSQL server for the whole test run, started once by {@code bin/postgres-server}
 * (which installs PostgreSQL when it is missing) on a free loopback port, stopped when the JVM exits.
 * Each test asks it for a fresh database.
 */
public final class PostgresServer {

    public static final String USER = "plinth";
    private static PostgresServer shared;

    private final Process process;
    private final int port;
    private final Path dir;

    private PostgresServer(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    public static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
        }
        return shared;
    }

    private void stop() {
        process.destroy();
        try {
            process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        } catch (IOException | InterruptedException e) {
            // a leftover temporary directory is all that is lost
        }
    }

    /** A new, empty database; its JDBC URL (user {@value #USER}, no password). */
    public String newDatabase() {
        String name = "plinth_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, "")) {
            c.createStatement().execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create a database", e);
        }
        return url(name);
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static PostgresServer start() {
        int port = MotoServer.freePort();
        try {
            Path dir = Files.createTempDirectory("plinth-postgres");
            File log = new File("target/postgres-" + port + ".log");
            log.getParentFile().mkdirs();
            Process process = new ProcessBuilder("bin/postgres-server", String.valueOf(port), dir.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
                    .start();
            PostgresServer server = new PostgresServer(process, port, dir);
            server.awaitUp(Duration.ofMinutes(5), log);
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("could not start bin/postgres-server", e);
        }
    }

    private void awaitUp(Duration timeout, File log) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("PostgreSQL exited with " + process.exitValue() + "; see " + log);
            }
            try (Connection c = DriverManager.getConnection(url("postgres"), USER, "")) {
                return;
            } catch (SQLException e) {
                Waits.pause(Duration.ofMillis(200));
            }
        }
        throw new IllegalStateException("PostgreSQL did not answer within " + timeout + "; see " + log);
    }
}
