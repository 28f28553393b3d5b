package dev.plinth.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The {@code resource} and {@code environment_event} tables are written by their repository alone. */
class TableWritersTest {

    /** The SQL that writes a table, and the one file allowed to hold it. */
    private static final Map<String, String> WRITERS = Map.of(
            "resource", "src/main/java/dev/plinth/engine/ResourceRepository.java",
            "environment_event", "src/main/java/dev/plinth/environment/EventLog.java");

    @Test
    void onlyTheirRepositoryWritesTheResourceAndEventTables() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of("src/main/java"))) {
            files = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        WRITERS.forEach((table, writer) -> {
            Pattern writes =
                    Pattern.compile("(?i)\\b(insert\\s+into|update|delete\\s+from|merge\\s+into)\\s+" + table + "\\b");
            List<String> writing = files.stream()
                    .filter(file -> writes.matcher(read(file)).find())
                    .map(Path::toString)
                    .toList();
            assertThat(writing).as("files that write the %s table", table).containsExactly(writer);
        });
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
