package dev.plinth.spec;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Checks every section shares. */
final class Rules {

    private Rules() {}

    /** A number, when given, within [min, max]. */
    static void range(@Nullable Integer value, int min, int max, String field, List<Violation> out) {
        if (value != null && (value < min || value > max)) {
            out.add(new Violation(field, "range", "must be from " + min + " to " + max));
        }
    }

    static boolean missing(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
