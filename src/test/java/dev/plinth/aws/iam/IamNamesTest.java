package dev.plinth.aws.iam;

import static dev.plinth.testing.EnvironmentNames.assertKeeps;
import static dev.plinth.testing.EnvironmentNames.context;

import dev.plinth.aws.compute.ComputeLayer;
import dev.plinth.aws.database.DataLayer;
import dev.plinth.spec.DatabaseEngine;
import dev.plinth.spec.EnvironmentSpec;
import dev.plinth.testing.EnvironmentNames;
import dev.plinth.testing.behaviour.NameRules;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The roles' and their policies' names keep IAM's rules, whatever the environment is called. */
class IamNamesTest {

    @Property
    void roleAndPolicyNamesKeepIamsRules(@ForAll("names") String name, @ForAll("ids") String id) {
        EnvironmentSpec spec = EnvironmentNames.everything(name, DatabaseEngine.POSTGRES);
        var nodes = Stream.concat(
                        ComputeLayer.nodes(spec, EnvironmentNames.ZONES).stream(),
                        DataLayer.nodes(spec, EnvironmentNames.ZONES).stream())
                .toList();
        for (var node : nodes) {
            switch (node.desired()) {
                case IamRoleHandler.Desired d ->
                    assertKeeps(NameRules.IAM_ROLE, IamRoleHandler.roleName(context(node.key(), name, id), d));
                case IamRolePolicyHandler.Desired d -> assertKeeps(NameRules.IAM_POLICY, d.policyName());
                default -> {}
            }
        }
    }

    @Provide
    Arbitrary<String> names() {
        return EnvironmentNames.accepted();
    }

    @Provide
    Arbitrary<String> ids() {
        return EnvironmentNames.ids();
    }
}
