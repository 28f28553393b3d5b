package dev.plinth.api;

import dev.plinth.spec.Violation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.DeserializationProblemHandler;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The fields of one read that have the wrong type, are not fields at all, or are not one of an enum's
 * values. Each is named, read as null, and binding goes on, so that one read finds them all. One
 * instance per read.
 */
final class TypeErrors extends DeserializationProblemHandler {

    private final List<Violation> found = new ArrayList<>();

    List<Violation> found() {
        return List.copyOf(found);
    }

    /** Whether {@code violation} concerns a field already named here, whose value was not read. */
    boolean shadow(Violation violation) {
        return found.stream().anyMatch(typeError -> violation.within(typeError.field()));
    }

    @Override
    public boolean handleUnknownProperty(
            DeserializationContext ctxt,
            JsonParser p,
            ValueDeserializer<?> deserializer,
            Object beanOrClass,
            String propertyName) {
        found.add(new Violation(
                        path(p),
                        "unknown-field",
                        "is not a field here; known fields: " + deserializer.getKnownPropertyNames())
                .rejecting(ctxt.readTree(p)));
        return true;
    }

    @Override
    public @Nullable Object handleWeirdStringValue(
            DeserializationContext ctxt, Class<?> targetType, String value, String failure) {
        Violation violation = targetType.isEnum()
                ? new Violation(path(ctxt.getParser()), "one-of", "must be one of " + enumValues(targetType))
                : new Violation(path(ctxt.getParser()), "type", "must be " + typeName(targetType));
        found.add(violation.rejecting(JsonNodeFactory.instance.stringNode(value)));
        return null;
    }

    @Override
    public @Nullable Object handleWeirdNumberValue(
            DeserializationContext ctxt, Class<?> targetType, Number value, String failure) {
        return wrongType(ctxt, ctxt.getParser(), targetType);
    }

    @Override
    public @Nullable Object handleUnexpectedToken(
            DeserializationContext ctxt, JavaType targetType, JsonToken token, JsonParser p, String failure) {
        return wrongType(ctxt, p, targetType.getRawClass());
    }

    @Override
    public @Nullable Object handleMissingInstantiator(
            DeserializationContext ctxt,
            Class<?> instanceClass,
            ValueInstantiator instantiator,
            JsonParser p,
            String failure) {
        return wrongType(ctxt, p, instanceClass);
    }

    /** Names the value at {@code p} and consumes it (an object or array whole), as the handler contract asks. */
    private @Nullable Object wrongType(DeserializationContext ctxt, JsonParser p, Class<?> targetType) {
        String field = path(p);
        JsonNode rejected = ctxt.readTree(p);
        found.add(new Violation(field, "type", "must be " + typeName(targetType)).rejecting(rejected));
        return null;
    }

    /**
     * The field the parser is at, as the project writes it ({@code service.autoscaling.schedules[0].cron});
     * at the start of an object or array the parser is already inside it.
     */
    static String path(JsonParser p) {
        TokenStreamContext context = p.streamReadContext();
        if (p.currentToken() == JsonToken.START_OBJECT || p.currentToken() == JsonToken.START_ARRAY) {
            context = context.getParent();
        }
        Deque<String> segments = new ArrayDeque<>();
        for (; context != null && !context.inRoot(); context = context.getParent()) {
            segments.push(context.inArray() ? "[" + context.getCurrentIndex() + "]" : "." + context.currentName());
        }
        String path = String.join("", segments);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    /** The values as they are written in JSON (an enum may rename them with @JsonValue). */
    static String enumValues(Class<?> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(c -> JsonMapper.shared().writeValueAsString(c).replace("\"", ""))
                .toList()
                .toString();
    }

    static String typeName(@Nullable Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        if (List.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "a " + type.getSimpleName();
    }
}
