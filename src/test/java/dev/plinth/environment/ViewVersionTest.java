package dev.plinth.environment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.spec.EnvironmentSpec;
import dev.plinth.spec.NatGatewayMode;
import dev.plinth.spec.NetworkSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GET's ETag names the view and the spec's revision; If-Match reads the revision from either kind of tag. */
class ViewVersionTest {

    private static final Instant T0 = Instant.parse("2026-12-08T10:00:00Z");
    private static final Environment ENV = Environment.accept(
            "env-1",
            null,
            new EnvironmentSpec(
                    "web", "eu-central-1", Map.of(), new NetworkSpec("10.0.0.0/16", 2, NatGatewayMode.SINGLE)),
            List.of("eu-central-1a", "eu-central-1b"),
            null,
            "hash",
            T0);

    @Test
    void theTagStartsWithTheSpecsRevisionAndChangesWithEachNumberOfTheView() {
        ViewVersion view = new ViewVersion(3, 17, 9, T0);
        String revision = ENV.etag().substring(0, ENV.etag().length() - 1);

        assertThat(view.etag(ENV)).startsWith(revision + ".").endsWith("\"");
        assertThat(view.etag(ENV)).isEqualTo(new ViewVersion(3, 17, 9, T0).etag(ENV));
        assertThat(Stream.of(
                                view,
                                new ViewVersion(4, 17, 9, T0),
                                new ViewVersion(3, 18, 9, T0),
                                new ViewVersion(3, 17, 10, T0),
                                new ViewVersion(3, 17, 9, T0.plusMillis(1)),
                                new ViewVersion(3, 17, 9, null))
                        .map(v -> v.etag(ENV)))
                .doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            '"{r}"'          | true
            'W/"{r}"'        | true
            '"{r}.0a1b2c3d"' | true
            '"{r}0"'         | false
            '"{r}0.0a1b"'    | false
            '"{n}"'          | false
            '"{n}.0a1b2c3d"' | false
            '{r}'            | false
            '""'             | false
            """)
    void ifMatchNamesTheRevisionWithOrWithoutTheViewsDigest(String tag, boolean current) {
        String filled = tag.replace("{r}", String.valueOf(ENV.specRevision()))
                .replace("{n}", String.valueOf(ENV.specRevision() + 1));

        assertThat(ENV.isRevision(filled)).isEqualTo(current);
        assertThat(ENV.isRevision(new ViewVersion(1, 2, 3, null).etag(ENV))).isTrue();
    }
}
