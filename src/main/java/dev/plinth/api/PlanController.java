package dev.plinth.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.plinth.aws.preflight.Finding;
import dev.plinth.aws.preflight.Preflight;
import dev.plinth.lifecycle.ChangePlans;
import dev.plinth.lifecycle.EnvironmentService;
import dev.plinth.lifecycle.Plan;
import dev.plinth.spec.EnvironmentSpec;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Plans for environments that do not exist yet: what POST /environments would create, its cost, and
 * what the account would refuse of it.
 */
@RestController
class PlanController {

    /** A plan for a new environment, and the findings of the account's preflight check. */
    record NewEnvironmentPlan(@JsonUnwrapped Plan plan, List<Finding> findings) {}

    private final ChangePlans plans;
    private final EnvironmentService environments;
    private final SpecReader specs;
    private final Preflight preflight;

    PlanController(ChangePlans plans, EnvironmentService environments, SpecReader specs, Preflight preflight) {
        this.plans = plans;
        this.environments = environments;
        this.specs = specs;
        this.preflight = preflight;
    }

    /**
     * The body is what POST /environments takes. Nothing is stored and no AWS resource is made; the
     * account is read for what it would refuse, as POST /environments reads it.
     */
    @PostMapping(path = "/plans", consumes = MediaType.APPLICATION_JSON_VALUE)
    NewEnvironmentPlan plan(@RequestBody JsonNode body) {
        EnvironmentSpec spec = specs.whole(body);
        Plan plan = plans.forNew(spec, environments::zonesFor);
        EnvironmentSpec full = spec.withDefaults();
        return new NewEnvironmentPlan(plan, preflight.findings(full, environments.zonesFor(full)));
    }
}
