package dev.plinth.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The AWS emulator of the end-to-end tests: one for the whole run, started on first use and stopped
 * when the JVM exits; tests reset it between them instead of starting another.
 *
 * <p>The system property {@value #EMULATOR} says which: {@code moto} (the default, {@link MotoProcess})
 * or {@code localstack} (set by the Maven profile {@code localstack}, {@link LocalStackEmulator}). The
 * class keeps moto's name because the tests hold it; what only moto can do skips the calling test
 * under LocalStack, through a JUnit assumption that says why.
 */
public final class MotoServer {

    /** The system property that names the emulator: {@code moto} (default) or {@code localstack}. */
    public static final String EMULATOR = "plinth.test.emulator";

    private static MotoServer shared;

    private final AwsEmulator emulator;

    private MotoServer(AwsEmulator emulator) {
        this.emulator = emulator;
    }

    /**
     * The emulator every test class shares. Under moto its ECS services report 10 running tasks, so a
     * service of up to 10 desired tasks is stable at once (moto otherwise reports 0 and none ever is);
     * LocalStack runs the tasks as containers of its own.
     */
    public static synchronized MotoServer shared() {
        if (shared == null) {
            shared = new MotoServer(
                    localStack()
                            ? LocalStackEmulator.start()
                            : MotoProcess.start(Map.of("MOTO_ECS_SERVICE_RUNNING", "10")));
        }
        return shared;
    }

    /**
     * Another moto server, with its own settings (moto reads some only from its environment); stopped
     * at exit. Moto only: under LocalStack, which has no such settings, it skips the calling test.
     */
    public static MotoServer start(Map<String, String> environment) {
        Assumptions.assumeFalse(
                localStack(),
                () -> "needs a moto server of its own with " + environment + "; LocalStack has no equivalent");
        return new MotoServer(MotoProcess.start(environment));
    }

    public URI endpoint() {
        return emulator.endpoint();
    }

    /** Forgets every resource (under moto, state-manager transitions stay as set). */
    public void reset() {
        emulator.reset();
    }

    /**
     * Makes resources of a model (for example {@code cloudfront::distribution}) move to their next
     * state only after being described {@code times} times. Moto only (its state manager): under
     * LocalStack it skips the calling test.
     */
    public void slowDown(String model, int times) {
        emulator.slowDown(model, times);
    }

    /** Undoes {@link #slowDown}: one read moves the model's resources on again (the emulator is shared). */
    public void undoSlowDown(String model) {
        emulator.undoSlowDown(model);
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean localStack() {
        String name = System.getProperty(EMULATOR, "moto");
        return switch (name) {
            case "moto" -> false;
            case "localstack" -> true;
            default -> throw new IllegalStateException(EMULATOR + " is '" + name + "'; it can be moto or localstack");
        };
    }
}
