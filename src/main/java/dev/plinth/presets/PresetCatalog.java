package dev.plinth.presets;

import dev.plinth.spec.InvalidRequestException;
import dev.plinth.spec.Violation;
import dev.plinth.support.JsonMergePatch;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The presets, read once from {@code classpath:presets/*.json}. */
@Component
public class PresetCatalog {

    private final Map<String, Preset> presets = new TreeMap<>();

    public PresetCatalog(JsonMapper json) {
        try {
            for (Resource file : new PathMatchingResourcePatternResolver().getResources("classpath:presets/*.json")) {
                try (InputStream in = file.getInputStream()) {
                    Preset preset = json.readValue(in, Preset.class);
                    presets.put(preset.name(), preset);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the presets", e);
        }
    }

    public List<Preset> all() {
        return presets.values().stream()
                .sorted(Comparator.comparing(Preset::name))
                .toList();
    }

    public Optional<Preset> find(String name) {
        return Optional.ofNullable(presets.get(name));
    }

    /**
     * The request as a whole spec: when it names a {@code preset}, the request merged over the
     * preset's spec as a JSON merge patch (RFC 7396: objects merge, {@code null} removes, anything
     * else replaces); otherwise the request itself.
     *
     * @throws InvalidRequestException when the named preset does not exist
     */
    public JsonNode resolve(JsonNode request) {
        JsonNode name = request.path("preset");
        if (!request.isObject() || name.isMissingNode() || name.isNull()) {
            return request;
        }
        Preset preset = name.isString() ? presets.get(name.asString()) : null;
        if (preset == null) {
            throw new InvalidRequestException(
                    List.of(new Violation("preset", "one-of", "must be one of " + presets.keySet())));
        }
        return JsonMergePatch.apply(preset.spec().deepCopy(), request);
    }
}
