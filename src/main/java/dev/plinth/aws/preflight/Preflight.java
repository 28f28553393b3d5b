package dev.plinth.aws.preflight;

import dev.plinth.engine.GraphPlanner;
import dev.plinth.engine.HandlerRegistry;
import dev.plinth.engine.ResourceGraph;
import dev.plinth.environment.AccountCheck;
import dev.plinth.environment.Environment;
import dev.plinth.spec.DatabaseSpec;
import dev.plinth.spec.EnvironmentSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Before a new environment is planned or created: would the account hold it? Its resource graph is
 * read for what it would make, and the account for what it has: plinth's own permissions for each
 * create call (IAM's policy simulator), the quotas it would cross, the database instance class in its
 * zones, and the service-linked roles its services act through. The reads are cheap ones, made
 * together within a budget ({@link BoundedReads}); one that fails is itself a finding
 * ({@code UNCHECKED}), never an error of the request.
 */
@Component
public class Preflight implements AccountCheck {

    private static final Logger log = LoggerFactory.getLogger(Preflight.class);
    private static final String DB_INSTANCE = "AWS::RDS::DBInstance";

    private final GraphPlanner planner;
    private final HandlerRegistry handlers;
    private final QuotaChecks quotas;
    private final PermissionChecks permissions;
    private final PolicySimulator simulator;
    private final OrderableOptions orderable;
    private final BoundedReads reads;

    Preflight(
            GraphPlanner planner,
            HandlerRegistry handlers,
            QuotaChecks quotas,
            PermissionChecks permissions,
            PolicySimulator simulator,
            OrderableOptions orderable,
            BoundedReads reads) {
        this.planner = planner;
        this.handlers = handlers;
        this.quotas = quotas;
        this.permissions = permissions;
        this.simulator = simulator;
        this.orderable = orderable;
        this.reads = reads;
    }

    /** Refuses the environment when a finding says the account would. */
    @Override
    public void admit(EnvironmentSpec spec, List<String> zones) {
        List<Finding> findings = findings(spec, zones);
        if (findings.stream().anyMatch(f -> f.type().refuses())) {
            throw new PreflightRefusedException(findings);
        }
        if (!findings.isEmpty()) {
            log.warn(
                    "preflight of {}: {} check(s) could not be made, the first: {}",
                    spec.name(),
                    findings.size(),
                    findings.getFirst().found());
        }
    }

    /**
     * What the account would refuse of an environment of this spec in these zones.
     *
     * @param spec a valid spec, defaults written out
     */
    public List<Finding> findings(EnvironmentSpec spec, List<String> zones) {
        ResourceGraph graph =
                planner.plan(Environment.accept("preflight", null, spec, zones, null, "preflight", Instant.EPOCH));
        List<Finding> findings = new ArrayList<>();
        List<Check> checks = new ArrayList<>(quotas.of(graph, spec.region(), zones));
        orderableCheck(graph, spec, zones).ifPresent(checks::add);
        principal(findings)
                .ifPresent(principal -> checks.addAll(
                        permissions.of(graph, spec, principal.simulatable().orElseThrow(), principal.account())));
        findings.addAll(reads.run(checks));
        return findings;
    }

    private Optional<Check> orderableCheck(ResourceGraph graph, EnvironmentSpec spec, List<String> zones) {
        DatabaseSpec database = spec.database();
        if (database == null) {
            return Optional.empty();
        }
        return graph.nodes().stream()
                .filter(n -> handlers.kindOf(n).name().equals(DB_INSTANCE))
                .findFirst()
                .map(node -> new Check(
                        node.key().value(),
                        "read the orderable options of " + database.instanceClass() + " in " + spec.region(),
                        () -> orderable
                                .check(
                                        database,
                                        spec.region(),
                                        zones,
                                        node.key().value())
                                .stream()
                                .toList()));
    }

    /** plinth's identity, when the simulator can evaluate it (the root user needs no check). */
    private Optional<Principal> principal(List<Finding> findings) {
        try {
            Principal principal = simulator.principal();
            if (principal.simulatable().isEmpty() && !principal.isRoot()) {
                findings.add(Finding.unchecked(
                        "plinth",
                        "simulate the permissions of " + principal.callerArn(),
                        "IAM's policy simulator takes a user or a role"));
            }
            return principal.simulatable().map(arn -> principal);
        } catch (RuntimeException e) {
            findings.add(Finding.unchecked(
                    "plinth", "read plinth's own identity (sts:GetCallerIdentity)", BoundedReads.reason(e)));
            return Optional.empty();
        }
    }
}
