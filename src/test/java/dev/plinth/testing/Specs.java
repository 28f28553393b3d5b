package dev.plinth.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Specs shared by tests and the benchmark, from {@code src/test/resources/specs}. */
public final class Specs {

    private Specs() {}

    /** The full example of the whole-stack issue: every layer. */
    public static String fullExample() {
        return read("full-example.json");
    }

    private static String read(String name) {
        try (InputStream in = Specs.class.getResourceAsStream("/specs/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no spec " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
