package dev.plinth.lifecycle;

import dev.plinth.engine.ResourceGraph;
import dev.plinth.engine.ResourceKey;
import dev.plinth.engine.ResourceNode;
import dev.plinth.environment.Environment;
import dev.plinth.spec.EnvironmentSpec;
import dev.plinth.spec.OnDelete;
import dev.plinth.spec.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a change of a spec may do, for the plan that shows it and the update that makes it: the fields
 * it changes, the ones that cannot change in place (and those a caller may accept replacement for), the
 * removals a database's protection refuses, and the resources a replacement replaces.
 */
@Component
class ChangeRules {

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

    private final JsonMapper json;

    ChangeRules(JsonMapper json) {
        this.json = json;
    }

    /** The spec fields {@code changed} differs from {@code env}'s in, as dotted paths. */
    List<String> changedFields(Environment env, EnvironmentSpec changed) {
        return SpecChanges.paths(json.valueToTree(env.spec()), json.valueToTree(changed));
    }

    /**
     * Why a change of these spec fields, from {@code before} to {@code after}, cannot be made in place;
     * empty when it can.
     */
    static List<Violation> refusals(
            List<String> fields, EnvironmentSpec before, EnvironmentSpec after, @Nullable List<String> replace) {
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
        } else if (before.database() != null
                && before.hasRelationalDatabase()
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

    /** Whether a change of these fields needs resources replaced. */
    static boolean replacing(List<String> fields) {
        return fields.stream().anyMatch(REPLACING::containsKey);
    }

    /**
     * The resources a change that needs replacement replaces: every one whose desired state changes,
     * and every one that refers to a replaced one (it would refer to an id that is gone).
     */
    static Set<ResourceKey> replaced(ResourceGraph before, ResourceGraph after) {
        Set<ResourceKey> replaced = new HashSet<>();
        for (ResourceNode node : after.nodes()) { // in dependency order
            if (before.contains(node.key())
                    && (!before.node(node.key()).desired().equals(node.desired())
                            || node.dependsOn().stream().anyMatch(replaced::contains))) {
                replaced.add(node.key());
            }
        }
        return replaced;
    }
}
