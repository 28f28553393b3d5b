package dev.plinth.lifecycle;

import dev.plinth.engine.EngineScheduler;
import dev.plinth.engine.GraphPlanner;
import dev.plinth.engine.ResourceGraph;
import dev.plinth.engine.ResourceJournal;
import dev.plinth.engine.ResourceKey;
import dev.plinth.engine.ResourceRecord;
import dev.plinth.engine.ResourceState;
import dev.plinth.environment.Actor;
import dev.plinth.environment.ChangeInProgressException;
import dev.plinth.environment.Environment;
import dev.plinth.environment.EnvironmentNotFoundException;
import dev.plinth.environment.EnvironmentRepository;
import dev.plinth.environment.EnvironmentStatus;
import dev.plinth.environment.EventLog;
import dev.plinth.environment.EventType;
import dev.plinth.environment.PreconditionException;
import dev.plinth.spec.EnvironmentSpec;
import dev.plinth.spec.InvalidRequestException;
import dev.plinth.spec.SpecValidator;
import dev.plinth.spec.Violation;
import dev.plinth.support.SqlTime;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Changes an environment's spec, guarded by its ETag, and has the engine converge to it: every
 * resource compares itself with the new spec and is changed in place where it differs; resources the
 * new spec adds are created; resources it no longer has are deleted once the rest is ready. Refused
 * with the field and the reason: a change that would replace the environment's foundations, or
 * remove a database that has deletion protection.
 */
@Component
public class Updates {

    private static final Set<EnvironmentStatus> CHANGEABLE =
            EnumSet.of(EnvironmentStatus.READY, EnvironmentStatus.FAILED);

    private final EnvironmentRepository environments;
    private final ResourceJournal journal;
    private final SpecValidator validator;
    private final GraphPlanner planner;
    private final EventLog events;
    private final EngineScheduler scheduler;
    private final TransactionTemplate transaction;
    private final ChangeRules rules;
    private final Clock clock;

    Updates(
            EnvironmentRepository environments,
            ResourceJournal journal,
            SpecValidator validator,
            GraphPlanner planner,
            EventLog events,
            EngineScheduler scheduler,
            TransactionTemplate transaction,
            ChangeRules rules,
            Clock clock) {
        this.environments = environments;
        this.journal = journal;
        this.validator = validator;
        this.planner = planner;
        this.events = events;
        this.scheduler = scheduler;
        this.transaction = transaction;
        this.rules = rules;
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
    public Environment update(
            String id,
            @Nullable String ifMatch,
            EnvironmentSpec proposed,
            @Nullable List<String> replace,
            Actor actor) {
        Environment env = changeable(id, ifMatch);
        EnvironmentSpec changed = validator.valid(proposed);
        List<String> fields = rules.changedFields(env, changed);
        ResourceGraph after = planner.plan(env.withSpec(changed));
        List<Violation> refused = ChangeRules.refusals(fields, env.spec(), changed, replace);
        if (!refused.isEmpty()) {
            throw new InvalidRequestException(refused);
        }
        if (fields.isEmpty()) {
            return env;
        }
        ResourceGraph before = planner.plan(env);
        Set<ResourceKey> replaced = ChangeRules.replacing(fields) ? ChangeRules.replaced(before, after) : Set.of();
        EnvironmentSpec retiring = retiring(env, before, after, !replaced.isEmpty());
        Optional<Environment> applied = apply(env, changed, retiring, replaced, fields, actor);
        // someone saved the environment since it was read: decide again on what they saved (412 if they changed the
        // spec)
        return applied.orElseGet(() -> update(id, ifMatch, proposed, replace, actor));
    }

    /** The environment, if a change may start now and the caller read its current version. */
    private Environment changeable(String id, @Nullable String ifMatch) {
        Environment env = environments.findById(id).orElseThrow(() -> new EnvironmentNotFoundException(id));
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new PreconditionException(true, env.etag());
        }
        if (!CHANGEABLE.contains(env.status())) {
            throw new ChangeInProgressException(id, env.status());
        }
        if (!ifMatch.equals("*") && !env.isRevision(ifMatch)) {
            throw new PreconditionException(false, env.etag());
        }
        return env;
    }

    /**
     * Saves the new spec, sets the resources to be replaced or compared with it, and has the engine go,
     * in one transaction; empty when someone saved the environment since it was read.
     */
    private Optional<Environment> apply(
            Environment env,
            EnvironmentSpec changed,
            @Nullable EnvironmentSpec retiring,
            Set<ResourceKey> replaced,
            List<String> fields,
            Actor actor) {
        String id = env.id();
        return transaction.execute(tx -> {
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
    }

    /**
     * The spec that describes the resources that exist and that {@code after} no longer has, so that
     * provisioning can delete them: the current one, or the one a change before it retired.
     *
     * @throws ChangeInProgressException when neither describes them all: an earlier removal has not
     *                                   finished, and this change removes more
     */
    private @Nullable EnvironmentSpec retiring(
            Environment env, ResourceGraph before, ResourceGraph after, boolean replacing) {
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
}
