package dev.plinth.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Waiting holds no thread: nothing in the service sleeps or uses an SDK waiter; the engine reschedules instead. */
class NoBlockingWaitsTest {

    @Test
    void noMainCodeSleepsOrWaitsOnAws() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> {
                        try {
                            String code = Files.readString(p);
                            return code.contains("Thread.sleep(")
                                    || code.contains(".waiter()")
                                    || code.contains("TimeUnit.SECONDS.sleep");
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .map(Path::toString)
                    .toList();
        }
        assertThat(offenders).isEmpty();
    }
}
