package dev.plinth.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A command line tool run by a test: its exit code and what it printed. */
public record Command(int exit, String stdout, String stderr) {

    /** Runs {@code command} in the working directory; fails the test if it cannot start or does not finish in time. */
    public static Command run(List<String> command, Duration timeout) {
        return run(command, new File("."), timeout);
    }

    public static Command run(List<String> command, File directory, Duration timeout) {
        try {
            Process process = new ProcessBuilder(command).directory(directory).start();
            process.getOutputStream().close();
            var stdout = new CompletableFuture<String>();
            var stderr = new CompletableFuture<String>();
            Thread.ofVirtual().start(() -> stdout.complete(read(process.getInputStream())));
            Thread.ofVirtual().start(() -> stderr.complete(read(process.getErrorStream())));
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return fail("%s did not finish within %s", String.join(" ", command), timeout);
            }
            return new Command(process.exitValue(), stdout.get(), stderr.get());
        } catch (IOException e) {
            return fail("cannot run %s: %s", String.join(" ", command), e.getMessage());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The path of an npm package's command, installed into the user's cache on first use by bin/npm-tool.
     *
     * @param pkg the package and its pinned version, for example {@code typescript@5.9.3}
     */
    public static String npmTool(String pkg, String command) {
        Command found = run(List.of("bin/npm-tool", pkg, command), Duration.ofMinutes(5));
        if (found.exit() != 0 || found.stdout().isBlank()) {
            fail(
                    "bin/npm-tool could not install %s (npm and the npm registry are needed): %s",
                    pkg, found.stderr().strip());
        }
        return found.stdout().strip();
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
