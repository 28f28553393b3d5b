package dev.plinth.aws.alarms;

import static dev.plinth.testing.EnvironmentNames.assertKeeps;
import static dev.plinth.testing.EnvironmentNames.context;

import dev.plinth.spec.DatabaseEngine;
import dev.plinth.testing.EnvironmentNames;
import dev.plinth.testing.behaviour.NameRules;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The alarms' names keep CloudWatch's rule, whatever the environment is called. */
class AlarmNamesTest {

    @Property
    void alarmNamesKeepCloudWatchsRule(@ForAll("names") String name, @ForAll("ids") String id) {
        for (var node :
                AlarmsLayer.nodes(EnvironmentNames.everything(name, DatabaseEngine.POSTGRES), EnvironmentNames.ZONES)) {
            if (node.desired() instanceof AlarmHandler.Desired d) {
                assertKeeps(NameRules.ALARM, AlarmHandler.name(context(node.key(), name, id), d));
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
