package dev.plinth.spec;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
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

    /** A text, when given, that the pattern matches whole. */
    static void matches(
            @Nullable String value, Pattern pattern, String field, String rule, String message, List<Violation> out) {
        if (value != null && !pattern.matcher(value).matches()) {
            out.add(new Violation(field, rule, message));
        }
    }

    /** A map of at most {@code max} entries; {@code noun} names what they are in the message. */
    static void maxItems(Map<?, ?> map, int max, String field, String noun, List<Violation> out) {
        if (map.size() > max) {
            out.add(new Violation(field, "max-items", "may hold at most " + max + " " + noun));
        }
    }

    static boolean missing(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
