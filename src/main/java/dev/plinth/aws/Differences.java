package dev.plinth.aws;

import dev.plinth.engine.Difference;
import java.util.List;
import java.util.Objects;

/** Comparing an attribute as AWS has it with the desired one, adding a {@link Difference} when they differ. */
public final class Differences {

    private Differences() {}

    /** Compares with {@link Objects#equals}; the difference shows both as {@link String#valueOf} gives them ({@code null} as "null"). */
    public static void compare(List<Difference> differences, String attribute, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            differences.add(new Difference(attribute, String.valueOf(expected), String.valueOf(actual)));
        }
    }

    /** Compares two texts; the difference keeps them as they are (a missing one stays null). */
    public static void compareText(List<Difference> differences, String attribute, String expected, String actual) {
        if (!Objects.equals(expected, actual)) {
            differences.add(new Difference(attribute, expected, actual));
        }
    }
}
