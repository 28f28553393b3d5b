package dev.plinth.aws.preflight;

import dev.plinth.aws.CreateNeed;
import dev.plinth.aws.ResourceKinds;
import dev.plinth.aws.iam.PermissionsBoundary;
import dev.plinth.engine.HandlerRegistry;
import dev.plinth.engine.ResourceGraph;
import dev.plinth.engine.ResourceNode;
import dev.plinth.spec.EnvironmentSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What plinth's identity must be allowed for a resource graph: the create calls of its resources
 * (their kinds' {@link CreateNeed}s in {@link ResourceKinds}), and the service-linked roles its services need.
 */
@Component
class PermissionChecks {

    /** Actions simulated in one call: on one resource, in one context. */
    private record Simulation(String resourceArn, Map<String, String> context) {}

    private final HandlerRegistry handlers;
    private final PolicySimulator simulator;
    private final RoleReader roles;
    private final PermissionsBoundary boundary;

    PermissionChecks(
            HandlerRegistry handlers, PolicySimulator simulator, RoleReader roles, PermissionsBoundary boundary) {
        this.handlers = handlers;
        this.simulator = simulator;
        this.roles = roles;
        this.boundary = boundary;
    }

    /**
     * The checks: one simulation per resource ARN and context, with every action the graph needs there
     * (many resources share one), and one read per service-linked role the graph needs.
     *
     * @param principalArn what the simulator evaluates: plinth's role or user
     */
    List<Check> of(ResourceGraph graph, EnvironmentSpec spec, String principalArn, String account) {
        Map<Simulation, Map<String, String>> firstKeyOfAction = new LinkedHashMap<>();
        for (ResourceNode node : graph.nodes()) {
            for (CreateNeed need : ResourceKinds.createNeedsOf(handlers.kindOf(node))) {
                Simulation simulation = new Simulation(
                        need.resourceArn(spec.region(), account, spec.name()),
                        need.namesBoundary() ? need.context(boundary.arn()) : need.context());
                need.actions()
                        .forEach(action -> firstKeyOfAction
                                .computeIfAbsent(simulation, s -> new LinkedHashMap<>())
                                .putIfAbsent(action, node.key().value()));
            }
        }
        List<Check> checks = new ArrayList<>();
        firstKeyOfAction.forEach((simulation, keys) -> checks.add(new Check(
                keys.values().iterator().next(),
                "simulate " + String.join(", ", keys.keySet()) + " on " + simulation.resourceArn(),
                () -> simulator
                        .denied(
                                principalArn,
                                List.copyOf(keys.keySet()),
                                simulation.resourceArn(),
                                simulation.context())
                        .stream()
                        .map(action -> denied(
                                Objects.requireNonNull(keys.get(action)),
                                principalArn,
                                action,
                                simulation.resourceArn()))
                        .toList())));
        for (ServiceLinkedRole role : ServiceLinkedRole.values()) {
            if (graph.nodes().stream().map(n -> handlers.kindOf(n).name()).anyMatch(role.neededBy::contains)) {
                checks.add(new Check(
                        role.roleName,
                        "read the service-linked role " + role.roleName,
                        () -> serviceLinkedRole(role, principalArn, account).stream()
                                .toList()));
            }
        }
        return checks;
    }

    private static Finding denied(String key, String principalArn, String action, String resourceArn) {
        return new Finding(
                Finding.Type.PERMISSION,
                key,
                "plinth's identity %s may not call %s on %s".formatted(principalArn, action, resourceArn),
                "allow %s on %s in plinth's IAM policy (helm-free-deploy/iam/plinth-policy.json has it)"
                        .formatted(action, resourceArn));
    }

    /** Nothing when the role exists, or when AWS may create it on first use as plinth. */
    private Optional<Finding> serviceLinkedRole(ServiceLinkedRole role, String principalArn, String account) {
        if (roles.exists(role.roleName)) {
            return Optional.empty();
        }
        List<String> denied = simulator.denied(
                principalArn,
                List.of("iam:CreateServiceLinkedRole"),
                role.arn(account),
                Map.of("iam:AWSServiceName", role.service));
        if (denied.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Finding(
                Finding.Type.PERMISSION,
                role.roleName,
                "the service-linked role %s does not exist, and plinth's identity may not create it (iam:CreateServiceLinkedRole for %s)"
                        .formatted(role.roleName, role.service),
                "create it once: aws iam create-service-linked-role --aws-service-name %s; or allow plinth iam:CreateServiceLinkedRole for it"
                        .formatted(role.service)));
    }
}
