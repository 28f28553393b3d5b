package dev.plinth.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.testing.Command;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** openapi.yaml passes Redocly's lint (its rules in redocly.yaml) without an error or a warning. */
class OpenApiLintTest {

    static final String REDOCLY = "@redocly/cli@2.11.1";

    @Test
    void theDocumentLintsClean() {
        Command lint = Command.run(
                List.of(
                        Command.npmTool(REDOCLY, "redocly"),
                        "lint",
                        "openapi.yaml",
                        "--config",
                        "redocly.yaml",
                        "--format",
                        "stylish"),
                Duration.ofMinutes(2));

        assertThat(lint.exit()).as(lint.stdout() + lint.stderr()).isZero();
        assertThat(lint.stdout() + lint.stderr()).as("no warnings either").doesNotContainIgnoringCase("warning");
    }
}
