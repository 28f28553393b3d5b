package dev.plinth.api;

import dev.plinth.presets.PresetCatalog;
import dev.plinth.spec.EnvironmentSpec;
import dev.plinth.spec.InvalidRequestException;
import dev.plinth.spec.SpecValidator;
import dev.plinth.spec.Violation;
import dev.plinth.support.JsonMergePatch;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * Reads a request's JSON document into a spec: a whole one, a preset with overrides, or a merge patch
 * over an environment's. A field of the wrong type does not hide the rest: the
 * answer names every such field together with every rule the fields that could be read break.
 */
@Component
class SpecReader {

    private final JsonMapper json;
    private final SpecValidator validator;
    private final PresetCatalog presets;

    SpecReader(JsonMapper json, SpecValidator validator, PresetCatalog presets) {
        this.json = json;
        this.validator = validator;
        this.presets = presets;
    }

    /** A whole spec, or a {@code preset} name with overrides merged over the preset's spec. */
    EnvironmentSpec whole(JsonNode body) {
        return read(presets.resolve(body));
    }

    /** A JSON merge patch (RFC 7396) over {@code current} as {@code GET} shows it. */
    EnvironmentSpec patched(EnvironmentSpec current, JsonNode patch) {
        return read(JsonMergePatch.apply(json.valueToTree(current), patch));
    }

    /**
     * @param document the spec as JSON (after a preset or a merge patch was applied)
     * @throws InvalidRequestException when a field has the wrong type, with every violation of the document
     */
    EnvironmentSpec read(JsonNode document) {
        if (document == null || !document.isObject()) {
            // a JSON null, an array, a string or a number: there is no spec to read at all
            throw new InvalidRequestException(List.of(new Violation("", "type", "must be an object: the spec")
                    .rejecting(document == null ? NullNode.getInstance() : document)));
        }
        TypeErrors typeErrors = new TypeErrors();
        EnvironmentSpec spec;
        try {
            spec = json.readerFor(EnvironmentSpec.class).withHandler(typeErrors).readValue(document);
        } catch (JacksonException e) {
            // a number the field cannot hold (a whole number of 2^31 or more, 1e400), or a value beyond the
            // reader's limits (a string of 100,000 characters for a number): binding stops there, so this is
            // named with the type errors found before it. Whatever else stops binding is the body's too.
            List<Violation> all = new ArrayList<>(typeErrors.found());
            all.add(
                    e instanceof InputCoercionException coercion
                            ? new Violation(
                                    pathOf(e),
                                    "range",
                                    "is out of range: must be " + TypeErrors.typeName(coercion.getTargetType())
                                            + " the field can hold")
                            : new Violation(pathOf(e), "type", "is not a value this field can hold"));
            throw new InvalidRequestException(all);
        }
        if (typeErrors.found().isEmpty()) {
            return spec;
        }
        List<Violation> all = new ArrayList<>(typeErrors.found());
        if (spec != null) {
            validator.validate(spec).stream()
                    .filter(violation -> !typeErrors.shadow(violation))
                    .forEach(all::add);
        }
        throw new InvalidRequestException(all);
    }

    /** The field an error of binding is at, from the path Jackson records on its way out. */
    private static String pathOf(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
