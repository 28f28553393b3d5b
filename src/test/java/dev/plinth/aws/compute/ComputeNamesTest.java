package dev.plinth.aws.compute;

import static dev.plinth.testing.EnvironmentNames.assertKeeps;
import static dev.plinth.testing.EnvironmentNames.context;

import dev.plinth.spec.DatabaseEngine;
import dev.plinth.testing.EnvironmentNames;
import dev.plinth.testing.behaviour.NameRules;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The compute layer's names keep ECS's, CloudWatch Logs' and Application Auto Scaling's rules, whatever the environment is called. */
class ComputeNamesTest {

    @Property
    void clusterServiceFamilyLogGroupAndScalingNamesKeepTheirRules(
            @ForAll("names") String name, @ForAll("ids") String id) {
        for (var node : ComputeLayer.nodes(
                EnvironmentNames.everything(name, DatabaseEngine.POSTGRES), EnvironmentNames.ZONES)) {
            String derived = context(node.key(), name, id).name();
            switch (node.desired()) {
                case ClusterHandler.Desired d -> assertKeeps(NameRules.ECS_NAME, derived);
                case ServiceHandler.Desired d -> assertKeeps(NameRules.ECS_NAME, derived);
                case TaskDefinitionHandler.Desired d -> assertKeeps(NameRules.ECS_NAME, derived);
                case LogGroupHandler.Desired d -> assertKeeps(NameRules.LOG_GROUP, d.name());
                case ScalingPolicyHandler.Desired d -> assertKeeps(NameRules.SCALING_NAME, derived);
                case ScheduledActionHandler.Desired d -> assertKeeps(NameRules.SCALING_NAME, derived);
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
