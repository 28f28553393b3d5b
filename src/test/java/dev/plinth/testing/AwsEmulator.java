package dev.plinth.testing;

import java.net.URI;

/** What the end-to-end tests need of an AWS emulator; {@link MotoServer} picks which one runs. */
interface AwsEmulator {

    /** Where every AWS service of the emulator answers (one endpoint for all, any region). */
    URI endpoint();

    /** Forgets every resource. */
    void reset();

    /**
     * Makes resources of a model (for example {@code cloudfront::distribution}) move to their next
     * state only after being described {@code times} times; an emulator that cannot skips the calling
     * test (a JUnit assumption).
     */
    void slowDown(String model, int times);

    /** Back to one read before resources of the model move on; a no-op where {@link #slowDown} skips the test. */
    void undoSlowDown(String model);
}
