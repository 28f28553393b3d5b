package dev.plinth.support;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON Merge Patch (RFC 7396): what a {@code PATCH} with {@code application/merge-patch+json} does to a
 * spec, and how a preset's overrides go over its spec.
 */
public final class JsonMergePatch {

    private JsonMergePatch() {}

    /**
     * {@code patch} over {@code target}: a member set to null is removed, an object is merged member by
     * member, anything else (an array too) replaces what was there. {@code target} may be changed.
     */
    public static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result =
                target.isObject() ? (ObjectNode) target : JsonMapper.shared().createObjectNode();
        patch.properties().forEach(field -> {
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), apply(result.path(field.getKey()), field.getValue()));
            }
        });
        return result;
    }
}
