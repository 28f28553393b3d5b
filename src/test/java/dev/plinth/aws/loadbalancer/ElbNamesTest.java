package dev.plinth.aws.loadbalancer;

import static dev.plinth.testing.EnvironmentNames.assertKeeps;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.testing.EnvironmentNames;
import dev.plinth.testing.behaviour.NameRules;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The load balancer's and target group's names keep ELB's rules and stay apart, whatever the environment is called. */
class ElbNamesTest {

    @Property
    void loadBalancerAndTargetGroupNamesKeepElbsRules(@ForAll("names") String name, @ForAll("ids") String id) {
        assertKeeps(NameRules.LOAD_BALANCER, Elb.name(name, id, ""));
        assertKeeps(NameRules.TARGET_GROUP, Elb.name(name, id, TargetGroupHandler.SUFFIX));
    }

    @Property
    void twoEnvironmentsNeverShareAName(
            @ForAll("names") String name, @ForAll("ids") String id, @ForAll("ids") String other) {
        Assume.that(!id.equals(other));
        assertThat(Elb.name(name, id, "")).isNotEqualTo(Elb.name(name, other, ""));
    }

    @Example
    void anEnvironmentNamedInternalGetsNoInternalPrefix() {
        assertThat(Elb.name("internal", "3f2c8d0e-6a1b-4c9e-9d7a-2b5e8f1a4c6d", ""))
                .startsWith("env-")
                .hasSize(10);
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
