package dev.plinth.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/**
 * One broken rule of a request.
 *
 * @param field   the JSON path of the offending field, for example {@code network.cidr}
 * @param rule    a stable rule name clients can match on, for example {@code private-range}
 * @param message what is wrong, for a person
 * @param value   the value the rule rejected, when it is a scalar and not one that may be secret; else null
 */
public record Violation(
        String field,
        String rule,
        String message,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable JsonNode value) {

    /** The container's environment variables may carry credentials: their values are never repeated. */
    private static final String SECRET_VALUES = "service.environment";

    public Violation(String field, String rule, String message) {
        this(field, rule, message, null);
    }

    /** This violation with the value it rejected, if that is a scalar that may be shown. */
    public Violation rejecting(JsonNode rejected) {
        boolean shown = rejected != null
                && rejected.isValueNode()
                && !rejected.isNull()
                && !field.equals(SECRET_VALUES)
                && !field.startsWith(SECRET_VALUES + ".");
        return new Violation(field, rule, message, shown ? rejected : null);
    }

    /** This violation with the value its field has in {@code document}, the request it was found in. */
    public Violation rejectingIn(JsonNode document) {
        return rejecting(document.at(pointer()));
    }

    /** Whether this violation's field is {@code other} or lies within it. */
    public boolean within(String other) {
        return field.equals(other) || other.isEmpty() || field.startsWith(other + ".") || field.startsWith(other + "[");
    }

    private JsonPointer pointer() {
        if (field.isEmpty()) {
            return JsonPointer.empty();
        }
        return JsonPointer.compile(
                Arrays.stream(field.replace("[", ".").replace("]", "").split("\\."))
                        .map(segment -> "/" + segment.replace("~", "~0").replace("/", "~1"))
                        .collect(Collectors.joining()));
    }
}
