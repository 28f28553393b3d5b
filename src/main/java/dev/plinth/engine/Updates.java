package dev.plinth.engine;

import dev.plinth.environment.Actor;
import dev.plinth.environment.ChangeInProgressException;
import dev.plinth.environment.Environment;
import dev.plinth.environment.EnvironmentNotFoundException;
import dev.plinth.environment.EnvironmentRepository;
import dev.plinth.environment.EnvironmentSpec;
import dev.plinth.environment.EnvironmentStatus;
import dev.plinth.environment.EventLog;
import dev.plinth.environment.EventType;
import dev.plinth.environment.InvalidRequestException;
import dev.plinth.environment.OnDelete;
import dev.plinth.environment.PreconditionException;
import dev.plinth.environment.SpecValidator;
import dev.plinth.environment.Violation;
import dev.plinth.support.SqlTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Changes an environment's spec, guarded by its ETag, and has the engine converge to it: every
 * resource compares itself with the new spec and is changed in place where it differs; resources the
 * new spec adds are created; resources it no longer has are deleted once the rest is ready. Refused
 * with the field and the reason: a change that would replace the environment's foundations, or
 * remove a database that has deletion protection.
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
            "database.restoreFromSnapshot", "an RDS instance is restored from a snapshot only when it is created",
            "database.name", "RDS creates the named database only when it creates the instance");

    /**
     * Of {@link #REPLACING}, the fields a caller may accept replacement for ({@code ?replace=}): the
     * environment keeps its name and region, and its resources their keys.
     */
    private static final Set<String> REPLACEABLE = Set.of(
            "network.cidr",
            "network.availabilityZones",
            "database.engine",
            "database.restoreFromSnapshot",
            "database.name");

    static final String REPLACEMENT_REQUIRED = "replacement-required";
    static final String DELETION_PROTECTED = "deletion-protected";
    static final String RETAINED_ON_DELETE = "retained-on-delete";

    private static final Set<EnvironmentStatus> CHANGEABLE =
            EnumSet.of(EnvironmentStatus.READY, EnvironmentStatus.FAILED);

    private final EnvironmentRepository environments;
    private final ResourceJournal journal;
    private final SpecValidator validator;
    private final GraphPlanner planner;
    private final EventLog events;
    private final EngineScheduler scheduler;
    private final TransactionTemplate transaction;
    private final JsonMapper json;
    private final Clock clock;

    Updates(
            EnvironmentRepository environments,
            ResourceJournal journal,
            SpecValidator validator,
            GraphPlanner planner,
            EventLog events,
            EngineScheduler scheduler,
            TransactionTemplate transaction,
            JsonMapper json,
            Clock clock) {
        this.environments = environments;
        this.journal = journal;
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
     * @param replace  the fields whose change the caller accepts replacing resources for, or null
     * @throws PreconditionException      without {@code If-Match}, or when it is not the current ETag
     * @throws ChangeInProgressException  unless the environment is READY or FAILED
     * @throws InvalidRequestException    when the spec breaks a rule, or changes what cannot change in place
     */
    public Environment update(String id, String ifMatch, EnvironmentSpec proposed, List<String> replace, Actor actor) {
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
        EnvironmentSpec changed = validator.valid(proposed);
        List<String> fields = changedFields(env, changed);
        ResourceGraph after = planner.plan(env.withSpec(changed));
        List<Violation> refused = refusals(fields, env.spec(), changed, replace);
        if (!refused.isEmpty()) {
            throw new InvalidRequestException(refused);
        }
        if (fields.isEmpty()) {
            return env;
        }
        ResourceGraph before = planner.plan(env);
        Set<ResourceKey> replaced = replacing(fields) ? ChangePlans.replaced(before, after) : Set.of();
        EnvironmentSpec retiring = retiring(env, before, after, !replaced.isEmpty());
        Optional<Environment> applied = transaction.execute(tx -> {
            var now = SqlTime.now(clock);
            Optional<Environment> saved = environments.save(env.update(changed, retiring, now));
            if (saved.isEmpty()) {
                return saved;
            }
            int replacing = journal.replacing(id, replaced, now);
            int reopened = journal.reopenForChange(id, now);
            events.append(
                    id,
                    EventType.SPEC_CHANGED,
                    actor,
                    "changed " + String.join(", ", fields) + "; "
                            + (replacing > 0 ? replacing + " resource(s) to replace, " : "")
                            + reopened + " resource(s) to compare with it");
            scheduler.reconcileNow(id);
            return saved;
        });
        // someone saved the environment since it was read: decide again on what they saved (412 if they changed the
        // spec)
        return applied.orElseGet(() -> update(id, ifMatch, proposed, replace, actor));
    }

    /**
     * Why a change of these spec fields, from {@code before} to {@code after}, cannot be made in place;
     * empty when it can.
     */
    static List<Violation> refusals(
            List<String> fields, EnvironmentSpec before, EnvironmentSpec after, List<String> replace) {
        List<Violation> refused = new ArrayList<>();
        List<String> accepted = replace == null ? List.of() : replace;
        accepted.stream()
                .filter(field -> !REPLACEABLE.contains(field))
                .forEach(field -> refused.add(new Violation(
                        "replace",
                        "one-of",
                        "cannot replace for " + field + "; replacement can be accepted for "
                                + REPLACEABLE.stream().sorted().collect(Collectors.joining(", ")))));
        fields.stream()
                .filter(REPLACING::containsKey)
                .filter(field -> !(accepted.contains(field) && REPLACEABLE.contains(field)))
                .forEach(field -> refused.add(new Violation(
                        field,
                        REPLACEMENT_REQUIRED,
                        "cannot change in place: "
                                + REPLACING.get(field) + "; "
                                + (REPLACEABLE.contains(field)
                                        ? "accept replacing what it changes with ?replace=" + field
                                                + " (see the plan first)"
                                        : "create a new environment with it instead"))));
        if (before.deletionProtected() && !after.hasDatabase()) {
            refused.add(new Violation(
                    "database.enabled",
                    DELETION_PROTECTED,
                    "the database has deletion protection; turn database.deletionProtection off first"));
        } else if (before.hasRelationalDatabase()
                && before.database().onDeleteOrDefault() == OnDelete.RETAIN
                && !after.hasDatabase()) {
            refused.add(new Violation(
                    "database.enabled",
                    RETAINED_ON_DELETE,
                    "database.onDelete is retain, and a "
                            + "retained database keeps the network it stands on; set it to snapshot or delete first"));
        }
        return refused;
    }

    /**
     * The spec that describes the resources that exist and that {@code after} no longer has, so that
     * provisioning can delete them: the current one, or the one a change before it retired.
     *
     * @throws ChangeInProgressException when neither describes them all: an earlier removal has not
     *                                   finished, and this change removes more
     */
    private EnvironmentSpec retiring(Environment env, ResourceGraph before, ResourceGraph after, boolean replacing) {
        Set<ResourceKey> leaving = journal.records(env.id()).values().stream()
                .filter(r -> r.state() != ResourceState.DELETED && !after.contains(r.key()))
                .map(ResourceRecord::key)
                .collect(Collectors.toSet());
        if (leaving.isEmpty() && !replacing) {
            return null;
        }
        if (leaving.stream().allMatch(before::contains)) {
            return env.spec();
        }
        // what a replacement replaces is described by the spec it was made from: the current one
        if (!replacing
                && env.retiredSpec() != null
                && leaving.stream().allMatch(planner.plan(env.retired())::contains)) {
            return env.retiredSpec();
        }
        throw new ChangeInProgressException(
                env.status(),
                "environment " + env.id() + " has not finished removing "
                        + "what an earlier change took out of its spec; retry it (POST /environments/" + env.id()
                        + "/retry) before a change that removes more");
    }

    /** Whether a change of these fields needs resources replaced. */
    static boolean replacing(List<String> fields) {
        return fields.stream().anyMatch(REPLACING::containsKey);
    }

    /** The spec fields {@code changed} differs from {@code env}'s in, as dotted paths. */
    List<String> changedFields(Environment env, EnvironmentSpec changed) {
        return SpecChanges.paths(json.valueToTree(env.spec()), json.valueToTree(changed));
    }
}
