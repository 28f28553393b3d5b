package dev.plinth.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Changes of a JSON document for property-based tests of hostile input: a value put in place of a node (the
 * whole document included), a node taken out, a field no one expects put in. Each picks its place among the
 * document's nodes by a number, so a generator shrinks and replays it.
 */
public final class JsonMutations {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonMutations() {}

    /** Puts one of {@code values} in place of a node of the document, the whole document included. */
    public static Arbitrary<UnaryOperator<JsonNode>> replacing(Arbitrary<JsonNode> values) {
        return Combinators.combine(Arbitraries.integers().between(0, 10_000), values)
                .as((pick, value) -> document -> {
                    List<JsonPointer> places = places(document);
                    JsonPointer place = places.get(pick % places.size());
                    if (place.matches()) {
                        return value.deepCopy();
                    }
                    JsonNode parent = document.at(place.head());
                    if (parent instanceof ObjectNode object) {
                        object.set(place.last().getMatchingProperty(), value.deepCopy());
                    } else if (parent instanceof ArrayNode array) {
                        array.set(place.last().getMatchingIndex(), value.deepCopy());
                    }
                    return document;
                });
    }

    /** Takes a node out of the document (never the document itself). */
    public static UnaryOperator<JsonNode> removing(int pick) {
        return document -> {
            List<JsonPointer> places =
                    places(document).stream().filter(p -> !p.matches()).toList();
            if (!places.isEmpty()) {
                JsonPointer place = places.get(pick % places.size());
                JsonNode parent = document.at(place.head());
                if (parent instanceof ObjectNode object) {
                    object.remove(place.last().getMatchingProperty());
                } else if (parent instanceof ArrayNode array) {
                    array.remove(place.last().getMatchingIndex());
                }
            }
            return document;
        };
    }

    /** Puts a field {@code unexpected} of {@code value} into one of the document's objects. */
    public static UnaryOperator<JsonNode> adding(int pick, JsonNode value) {
        return document -> {
            List<ObjectNode> objects = places(document).stream()
                    .map(document::at)
                    .filter(ObjectNode.class::isInstance)
                    .map(ObjectNode.class::cast)
                    .toList();
            if (!objects.isEmpty()) {
                objects.get(pick % objects.size()).set("unexpected", value.deepCopy());
            }
            return document;
        };
    }

    /** Arrays within arrays, {@code depth} deep. */
    public static JsonNode nestedArrays(int depth) {
        ArrayNode outer = NODES.arrayNode();
        ArrayNode inner = outer;
        for (int i = 1; i < depth; i++) {
            inner = inner.addArray();
        }
        return outer;
    }

    /** Every node's place in the document, the root first; not beyond 50 deep nor the 20th item of an array. */
    static List<JsonPointer> places(JsonNode document) {
        List<JsonPointer> places = new ArrayList<>();
        collect(document, JsonPointer.empty(), places, 0);
        return places;
    }

    private static void collect(JsonNode node, JsonPointer at, List<JsonPointer> places, int depth) {
        places.add(at);
        if (depth > 50 || places.size() > 2_000) {
            return;
        }
        if (node.isObject()) {
            node.propertyNames().forEach(name -> collect(node.get(name), at.appendProperty(name), places, depth + 1));
        } else if (node.isArray()) {
            for (int i = 0; i < Math.min(node.size(), 20); i++) {
                collect(node.get(i), at.appendIndex(i), places, depth + 1);
            }
        }
    }
}
