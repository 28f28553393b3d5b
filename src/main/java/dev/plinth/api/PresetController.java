package dev.plinth.api;

import dev.plinth.presets.Preset;
import dev.plinth.presets.PresetCatalog;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The presets a portal can offer: {@code POST /environments {"name", "region", "preset", ...overrides}}. */
@RestController
@RequestMapping(path = "/presets", produces = MediaType.APPLICATION_JSON_VALUE)
class PresetController {

    private final PresetCatalog presets;

    PresetController(PresetCatalog presets) {
        this.presets = presets;
    }

    /** A preset in a listing: what it is, without its spec. */
    record Summary(String name, String title, String description, String reference) {}

    @GetMapping
    Items<Summary> list() {
        List<Summary> all = presets.all().stream()
                .map(p -> new Summary(p.name(), p.title(), p.description(), p.reference()))
                .toList();
        return new Items<>(all);
    }

    @GetMapping("/{name}")
    Preset get(@PathVariable String name) {
        return presets.find(name).orElseThrow(() -> new PresetNotFoundException(name));
    }

    static class PresetNotFoundException extends RuntimeException {
        PresetNotFoundException(String name) {
            super("no preset named " + name);
        }
    }
}
