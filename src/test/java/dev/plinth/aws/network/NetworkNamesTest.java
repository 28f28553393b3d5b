package dev.plinth.aws.network;

import static dev.plinth.testing.EnvironmentNames.assertKeeps;
import static dev.plinth.testing.EnvironmentNames.context;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.spec.DatabaseEngine;
import dev.plinth.testing.EnvironmentNames;
import dev.plinth.testing.behaviour.NameRules;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The names the network layer gives keep EC2's rules, whatever the environment is called. */
class NetworkNamesTest {

    @Property
    void securityGroupNamesAndNatGatewayTokensKeepEc2sRules(@ForAll("names") String name, @ForAll("ids") String id) {
        for (var node : NetworkLayer.nodes(
                EnvironmentNames.everything(name, DatabaseEngine.POSTGRES), EnvironmentNames.ZONES)) {
            switch (node.desired()) {
                case SecurityGroupHandler.Desired d ->
                    assertKeeps(
                            NameRules.SECURITY_GROUP, SecurityGroupHandler.groupName(context(node.key(), name, id)));
                case NatGatewayHandler.Desired d ->
                    assertKeeps(
                            NameRules.EC2_CLIENT_TOKEN,
                            context(node.key(), name, id).idempotencyToken());
                default -> {}
            }
        }
    }

    @Example
    void aGroupThatWouldStartWithSgIsPrefixed() {
        var group = NetworkLayer.SecurityGroupRole.APP.key();
        assertThat(SecurityGroupHandler.groupName(context(group, "sg-shop", "1a2b3c4d-0000-4000-8000-000000000000")))
                .isEqualTo("plinth-sg-shop-security-group-app");
        assertThat(SecurityGroupHandler.groupName(context(group, "shop", "1a2b3c4d-0000-4000-8000-000000000000")))
                .as("its Name, as before")
                .isEqualTo("shop-security-group-app");
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
