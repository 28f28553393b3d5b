package dev.plinth.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.testing.Leftovers;
import dev.plinth.testing.MotoServer;
import dev.plinth.testing.PlinthApi;
import dev.plinth.testing.Waits;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import tools.jackson.databind.JsonNode;

/**
 * The README's first hour, as a newcomer walks it: {@code bin/run-local} as the README starts it (its
 * own emulator and embedded database; only the ports and the database folder are moved off the
 * defaults, which a developer's own run may hold), then every command of the README's "The first
 * hour", taken from README.md itself and run by bash in order. What the commands did is then read back
 * from the service and from the emulator.
 */
@DisabledIfSystemProperty(
        named = MotoServer.EMULATOR,
        matches = "localstack",
        disabledReason = "bin/run-local starts moto, whatever emulator the rest of the suite uses")
class QuickstartIT {

    private static final Path README = Path.of("README.md");
    private static final String SECTION = "### The first hour";
    private static final Pattern SHELL_BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern NEXT_HEADING = Pattern.compile("\\n#{1,3} ");
    private static final String REGION = "eu-central-1";

    private Process runLocal;

    @AfterEach
    void stop() throws InterruptedException {
        if (runLocal != null) {
            // run-local waits on the JVM in the foreground: stop every process it started, the emulator too
            runLocal.descendants().forEach(ProcessHandle::destroy);
            runLocal.destroy();
            runLocal.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theFirstHourBringsTheWordPressPresetToReadyChangesItAndLeavesNothingBehind() throws Exception {
        List<String> blocks = shellBlocksOf(SECTION);
        assertThat(blocks).as("the shell blocks of the README's first hour").hasSizeGreaterThanOrEqualTo(5);

        int servicePort = MotoServer.freePort();
        int motoPort = MotoServer.freePort();
        Path work = Files.createDirectories(Path.of("target", "quickstart-" + servicePort));
        ProcessBuilder builder = new ProcessBuilder("bin/run-local")
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("run-local.log").toFile());
        builder.environment().put("SERVER_PORT", String.valueOf(servicePort));
        builder.environment().put("MOTO_PORT", String.valueOf(motoPort));
        builder.environment().put("PLINTH_DATA_DIR", work.resolve("data").toString());
        runLocal = builder.start();
        PlinthApi probe = new PlinthApi(URI.create("http://127.0.0.1:" + servicePort)).as(null);
        Waits.until(
                Duration.ofMinutes(5),
                () -> health(probe),
                status -> status == 200 || !runLocal.isAlive(),
                "bin/run-local to answer on port " + servicePort);
        assertThat(runLocal.isAlive())
                .as("bin/run-local is running; see " + work.resolve("run-local.log"))
                .isTrue();
        // the admin token bin/run-local made for its run, taken from what it printed, as a person would
        List<String> printedToken =
                findAll(Pattern.compile("export PLINTH_TOKEN=(\\S+)"), Files.readString(work.resolve("run-local.log")));
        assertThat(printedToken).as("bin/run-local prints a token to use").hasSize(1);
        PlinthApi api = probe.as(printedToken.getFirst());

        // as pasted into a terminal: no errexit (a grep that finds nothing is no failure); what the commands did is
        // checked below
        String script = String.join("\n", blocks).replace("localhost:8080", "localhost:" + servicePort);
        File output = work.resolve("walk.log").toFile();
        ProcessBuilder walking = new ProcessBuilder("bash", "-c", script)
                .redirectErrorStream(true)
                .redirectOutput(output);
        walking.environment().put("PLINTH_TOKEN", printedToken.getFirst());
        Process walk = walking.start();
        boolean finished = walk.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            walk.descendants().forEach(ProcessHandle::destroy);
            walk.destroy();
        }
        String printed = Files.readString(output.toPath());
        assertThat(finished)
                .as("the walk ended within 10 minutes; it printed:\n" + printed)
                .isTrue();
        assertThat(walk.exitValue())
                .as("the walk's exit code; it printed:\n" + printed)
                .isZero();

        JsonNode found = api.get("/environments?name=first-blog").json().path("items");
        assertThat(found).as("one environment named first-blog").hasSize(1);
        String id = found.get(0).path("id").asString();
        JsonNode env = api.get("/environments/" + id).json();
        assertThat(env.path("status").asString()).as("the walk's last step").isEqualTo("DELETED");
        assertThat(env.at("/spec/preset").asString()).isEqualTo("wordpress");
        assertThat(env.at("/spec/service/desiredCount").asInt())
                .as("the PATCH took")
                .isEqualTo(3);
        assertThat(env.at("/spec/tags/team").asString()).isEqualTo("blog");
        assertThat(env.at("/outputs/databaseFinalSnapshot").asString()).isNotBlank();

        List<String> statuses = findAll(Pattern.compile("\"status\":\"([A-Z_]+)\""), printed);
        assertThat(statuses)
                .as("what the walk's loops stopped at")
                .containsSubsequence("READY", "READY", "DELETED")
                .doesNotContain("FAILED", "DELETE_FAILED");
        assertThat(printed)
                .as("the plan of a further change")
                .contains("\"attribute\":\"desiredCount\",\"from\":\"3\",\"to\":\"4\"");
        assertThat(printed).as("the drift check after reconcile").contains("\"drift\":{\"checkedAt\":");
        assertThat(api.events(id))
                .extracting(e -> e.path("type").asString())
                .contains("READY", "SPEC_CHANGED", "DELETED")
                .doesNotContain("FAILED", "DELETE_FAILED");

        Leftovers.assertNothingTagged(URI.create("http://127.0.0.1:" + motoPort), REGION, id);
    }

    /** The bodies of the {@code sh} code blocks of one README section, in order. */
    private static List<String> shellBlocksOf(String heading) throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf("\n" + heading + "\n");
        assertThat(start).as("README.md has a section " + heading).isNotNegative();
        Matcher next = NEXT_HEADING.matcher(readme);
        int end = next.find(start + heading.length() + 2) ? next.start() : readme.length();
        return findAll(SHELL_BLOCK, readme.substring(start, end));
    }

    private static List<String> findAll(Pattern pattern, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static int health(PlinthApi api) {
        try {
            return api.getOutsideContract("/actuator/health").status();
        } catch (IllegalStateException e) {
            return -1;
        }
    }
}
