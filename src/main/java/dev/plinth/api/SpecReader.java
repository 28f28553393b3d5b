package dev.plinth.api;

import dev.plinth.environment.EnvironmentSpec;
import dev.plinth.environment.InvalidRequestException;
import dev.plinth.environment.SpecValidator;
import dev.plinth.environment.Violation;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a request's JSON document into a spec. A field of the wrong type does not hide the rest: the
 * answer names every such field together with every rule the fields that could be read break.
 */
@Component
class SpecReader {

    private final JsonMapper json;
    private final SpecValidator validator;

    SpecReader(JsonMapper json, SpecValidator validator) {
        this.json = json;
        this.validator = validator;
    }

    /**
     * @param document the spec as JSON (after a preset or a merge patch was applied)
     * @throws InvalidRequestException when a field has the wrong type, with every violation of the document
     */
    EnvironmentSpec read(JsonNode document) {
        TypeErrors typeErrors = new TypeErrors();
        EnvironmentSpec spec = json.readerFor(EnvironmentSpec.class).withHandler(typeErrors).readValue(document);
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
}
