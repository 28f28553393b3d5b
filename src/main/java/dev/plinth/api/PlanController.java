package dev.plinth.api;

import dev.plinth.engine.ChangePlans;
import dev.plinth.engine.Plan;
import dev.plinth.environment.EnvironmentService;
import dev.plinth.environment.EnvironmentSpec;
import dev.plinth.presets.PresetCatalog;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Plans for environments that do not exist yet: what POST /environments would create, and its cost. */
@RestController
class PlanController {

    private final ChangePlans plans;
    private final EnvironmentService environments;
    private final PresetCatalog presets;
    private final SpecReader specs;

    PlanController(ChangePlans plans, EnvironmentService environments, PresetCatalog presets, SpecReader specs) {
        this.plans = plans;
        this.environments = environments;
        this.presets = presets;
        this.specs = specs;
    }

    /** The body is what POST /environments takes. Nothing is stored and no AWS resource is made. */
    @PostMapping(path = "/plans", consumes = MediaType.APPLICATION_JSON_VALUE)
    Plan plan(@RequestBody JsonNode body) {
        EnvironmentSpec spec = specs.read(presets.resolve(body));
        return plans.forNew(spec, environments::zonesFor);
    }
}
