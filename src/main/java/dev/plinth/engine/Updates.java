package dev.plinth.engine;

import dev.plinth.environment.ChangeInProgressException;
import dev.plinth.environment.Environment;
import dev.plinth.environment.EnvironmentNotFoundException;
import dev.plinth.environment.EnvironmentRepository;
import dev.plinth.environment.EnvironmentSpec;
import dev.plinth.environment.EnvironmentStatus;
import dev.plinth.environment.EventLog;
import dev.plinth.environment.EventType;
import dev.plinth.environment.InvalidRequestException;
import dev.plinth.environment.PreconditionException;
import dev.plinth.environment.SpecValidator;
import dev.plinth.environment.Violation;
import dev.plinth.support.SqlTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Changes an environment's spec, guarded by its ETag, and has the engine converge to it: every
 * resource compares itself with the new spec and is changed in place where it differs; resources the
 * new spec adds are created. Refused with the field and the reason: a change that would replace the
 * environment's foundations, or remove resources (not supported yet).
 */
@Component
public class Updates {

    /** Fields whose change means new resources in place of the old: a new environment is the honest way. */
    private static final Map<String, String> REPLACING = Map.of(
            "name", "the name is in every resource's name and tags",
            "region", "resources cannot move between regions",
            "network.cidr", "a VPC's primary block cannot change, and every subnet is cut from it",
            "network.availabilityZones", "subnets, NAT gateways and the database's placement depend on the zones",
            "database.engine", "an RDS instance cannot change engine, nor RDS become DynamoDB",
            "database.restoreFromSnapshot", "an RDS instance is restored from a snapshot only when it is created");

    static final String REPLACEMENT_REQUIRED = "replacement-required";

    private static final Set<EnvironmentStatus> CHANGEABLE = EnumSet.of(EnvironmentStatus.READY, EnvironmentStatus.FAILED);

    private final EnvironmentRepository environments;
    private final ResourceRepository resources;
    private final SpecValidator validator;
    private final GraphPlanner planner;
    private final EventLog events;
    private final EngineScheduler scheduler;
    private final TransactionTemplate transaction;
    private final JsonMapper json;
    private final Clock clock;

    Updates(EnvironmentRepository environments, ResourceRepository resources, SpecValidator validator,
            GraphPlanner planner, EventLog events, EngineScheduler scheduler, TransactionTemplate transaction,
            JsonMapper json, Clock clock) {
        this.environments = environments;
        this.resources = resources;
        this.validator = validator;
        this.planner = planner;
        this.events = events;
        this.scheduler = scheduler;
        this.transaction = transaction;
        this.json = json;
        this.clock = clock;
    }

    /**
     * @param ifMatch  the {@code If-Match} header: the ETag the caller read, or {@code *}
     * @param proposed the whole new spec
     * @throws PreconditionException      without {@code If-Match}, or when it is not the current ETag
     * @throws ChangeInProgressException  unless the environment is READY or FAILED
     * @throws InvalidRequestException    when the spec breaks a rule, or changes what cannot change in place
     */
    public Environment update(String id, String ifMatch, EnvironmentSpec proposed) {
        Environment env = environments.findById(id).orElseThrow(() -> new EnvironmentNotFoundException(id));
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new PreconditionException(true, env.etag());
        }
        if (!CHANGEABLE.contains(env.status())) {
            throw new ChangeInProgressException(id, env.status());
        }
        if (!ifMatch.equals("*") && !ifMatch.replaceFirst("^W/", "").equals(env.etag())) {
            throw new PreconditionException(false, env.etag());
        }
        List<Violation> violations = validator.validate(proposed);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        EnvironmentSpec changed = proposed.withDefaults();
        List<String> fields = changedFields(env, changed);
        List<Violation> refused = refusals(fields, planner.plan(env), planner.plan(env.withSpec(changed)));
        if (!refused.isEmpty()) {
            throw new InvalidRequestException(refused);
        }
        if (fields.isEmpty()) {
            return env;
        }
        return transaction.execute(tx -> {
            var now = SqlTime.now(clock);
            Environment saved = environments.save(env.update(changed, now))
                    .orElseThrow(() -> new PreconditionException(false, environments.findById(id).orElseThrow().etag()));
            int reopened = resources.reopenReady(id, now);
            events.append(id, EventType.SPEC_CHANGED, "changed " + String.join(", ", fields) + "; "
                    + reopened + " resource(s) to compare with it");
            scheduler.reconcileNow(id);
            return saved;
        });
    }

    /**
     * Why a change of these spec fields, from the graph {@code before} to {@code after}, cannot be made
     * in place; empty when it can.
     */
    static List<Violation> refusals(List<String> fields, ResourceGraph before, ResourceGraph after) {
        List<Violation> refused = new ArrayList<>();
        fields.stream().filter(REPLACING::containsKey).forEach(field -> refused.add(new Violation(field,
                REPLACEMENT_REQUIRED, "cannot change in place: " + REPLACING.get(field)
                        + "; create a new environment with it instead")));
        Set<ResourceKey> kept = keys(after);
        String removed = keys(before).stream().filter(k -> !kept.contains(k)).map(ResourceKey::value)
                .sorted().collect(Collectors.joining(", "));
        if (!removed.isEmpty()) {
            refused.add(new Violation("spec", "removes-resources",
                    "removing resources from a live environment is not supported yet: " + removed));
        }
        return refused;
    }

    /** The spec fields {@code changed} differs from {@code env}'s in, as dotted paths. */
    List<String> changedFields(Environment env, EnvironmentSpec changed) {
        return SpecChanges.paths(json.valueToTree(env.spec()), json.valueToTree(changed));
    }

    private static Set<ResourceKey> keys(ResourceGraph graph) {
        return graph.nodes().stream().map(ResourceNode::key).collect(Collectors.toSet());
    }
}
