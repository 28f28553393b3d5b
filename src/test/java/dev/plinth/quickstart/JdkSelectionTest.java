package dev.plinth.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's commands on a machine whose default Java is older than the build needs: {@code ./mvnw}
 * (and {@code bin/run-local}, through the same {@code bin/find-jdk}) pick an installed JDK 21 or newer
 * and say which; with none, one line says what to install. The "old JDK" is a stand-in that reports
 * version 17, so the test means the same on every machine; the JDK found is the one running this test.
 */
class JdkSelectionTest {

    private static final Path JDK_RUNNING_THIS = Path.of(System.getProperty("java.home"));

    @TempDir
    Path temp;

    @Test
    void mavenWrapperUsesAnInstalledJdk21WhenJavaHomeIsAnOlderOne() throws Exception {
        Path jdk17 = fakeJdk("jdk-17", 17);

        Result r = run(
                List.of("./mvnw", "--version"),
                Map.of(
                        "JAVA_HOME", jdk17.toString(),
                        "PATH", pathWithout("javac"),
                        "FIND_JDK_DIRS", jdk17 + " " + JDK_RUNNING_THIS));

        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output())
                .contains("mvnw: using the JDK at " + JDK_RUNNING_THIS + " (the build needs 21 or newer)")
                .contains("Java version: " + System.getProperty("java.version"));
    }

    @Test
    void mavenWrapperKeepsAJavaHomeThatIsNewEnoughWithoutAWord() throws Exception {
        Result r = run(List.of("./mvnw", "--version"), Map.of("JAVA_HOME", JDK_RUNNING_THIS.toString()));

        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output())
                .doesNotContain("mvnw: using")
                .contains("Java version: " + System.getProperty("java.version"));
    }

    @Test
    void withNoJdk21AnywhereOneLineSaysWhatToInstall() throws Exception {
        Path jdk17 = fakeJdk("jdk-17", 17);

        Result r = run(
                List.of("./mvnw", "--version"),
                Map.of(
                        "JAVA_HOME", jdk17.toString(),
                        "PATH", pathWithout("javac"),
                        "FIND_JDK_DIRS", jdk17.toString()));

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.output().strip().lines().toList())
                .singleElement()
                .asString()
                .contains("no JDK 21 or newer found: install one");
    }

    @Test
    void runLocalFindsItsJdkTheSameWay() throws Exception {
        Path jdk17 = fakeJdk("jdk-17", 17);

        Result r = run(
                List.of("bin/find-jdk"),
                Map.of(
                        "JAVA_HOME", jdk17.toString(),
                        "PATH", pathWithout("javac"),
                        "FIND_JDK_DIRS", jdk17 + " " + JDK_RUNNING_THIS));

        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output().strip()).isEqualTo(JDK_RUNNING_THIS.toString());
        assertThat(Files.readString(Path.of("bin/run-local")))
                .as("run-local asks bin/find-jdk")
                .contains("JAVA_HOME=\"$(bin/find-jdk)\" || exit 1");
    }

    private record Result(int exit, String output) {}

    private Result run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        Path out = temp.resolve("output.txt");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().putAll(environment);
        Process p = builder.start();
        assertThat(p.waitFor(2, TimeUnit.MINUTES))
                .as(String.join(" ", command) + " ended")
                .isTrue();
        return new Result(p.exitValue(), Files.readString(out));
    }

    /** A folder laid out as a JDK whose java reports {@code version}, as {@code -XshowSettings:properties} prints it. */
    private Path fakeJdk(String name, int version) throws IOException {
        Path bin = Files.createDirectories(temp.resolve(name).resolve("bin"));
        String java = "#!/bin/sh\necho '    java.specification.version = " + version + "' >&2\n";
        for (String tool : List.of("java", "javac")) {
            Path file = bin.resolve(tool);
            Files.writeString(file, java, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return temp.resolve(name);
    }

    /**
     * A PATH with the tools the scripts use but no JDK: links to this machine's {@code sh}, {@code bash}
     * and core tools, in a folder of their own.
     */
    private String pathWithout(String excluded) throws IOException {
        Path bin = Files.createDirectories(temp.resolve("path"));
        for (String tool : List.of(
                "sh",
                "bash",
                "env",
                "dirname",
                "basename",
                "readlink",
                "sed",
                "head",
                "uname",
                "cat",
                "mkdir",
                "find",
                "grep",
                "tr",
                "cut",
                "rm",
                "ls",
                "chmod",
                "mktemp",
                "pwd",
                "tail",
                "awk",
                "wc")) {
            if (tool.equals(excluded) || Files.exists(bin.resolve(tool))) {
                continue;
            }
            for (String dir : List.of("/usr/bin", "/bin")) {
                Path real = Path.of(dir, tool);
                if (Files.isExecutable(real)) {
                    Files.createSymbolicLink(bin.resolve(tool), real);
                    break;
                }
            }
        }
        return bin.toString();
    }
}
