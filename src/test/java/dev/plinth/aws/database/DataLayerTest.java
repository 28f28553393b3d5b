package dev.plinth.aws.database;

import static dev.plinth.aws.database.DataLayer.INSTANCE;
import static dev.plinth.aws.database.DataLayer.PROXY;
import static dev.plinth.aws.database.DataLayer.PROXY_ROLE;
import static dev.plinth.aws.database.DataLayer.PROXY_ROLE_POLICY;
import static dev.plinth.aws.database.DataLayer.PROXY_TARGET;
import static dev.plinth.aws.database.DataLayer.SUBNET_GROUP;
import static dev.plinth.aws.database.DataLayer.TABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.aws.iam.IamRoleHandler;
import dev.plinth.aws.iam.IamRolePolicyHandler;
import dev.plinth.aws.iam.PolicyStatement;
import dev.plinth.aws.network.NetworkLayer;
import dev.plinth.aws.network.NetworkLayer.SecurityGroupRole;
import dev.plinth.engine.Layer;
import dev.plinth.engine.ResourceGraph;
import dev.plinth.engine.ResourceKey;
import dev.plinth.engine.ResourceNode;
import dev.plinth.spec.DatabaseEngine;
import dev.plinth.spec.DatabaseSpec;
import dev.plinth.spec.EnvironmentSpec;
import dev.plinth.spec.NatGatewayMode;
import dev.plinth.spec.NetworkSpec;
import dev.plinth.spec.OnDelete;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.rds.model.EngineFamily;

class DataLayerTest {

    private static final List<String> ALL_ZONES = List.of("eu-central-1a", "eu-central-1b", "eu-central-1c");

    private static EnvironmentSpec spec(DatabaseSpec database, int zones) {
        return new EnvironmentSpec(
                        "test",
                        "eu-central-1",
                        null,
                        Map.of(),
                        new NetworkSpec("10.42.0.0/16", zones, NatGatewayMode.NONE),
                        database,
                        null,
                        null,
                        null,
                        null)
                .withDefaults();
    }

    private static DatabaseSpec database(DatabaseEngine engine, Boolean proxy) {
        return new DatabaseSpec(null, engine, null, null, null, proxy, null, null, null, null, null);
    }

    private static List<String> zones(int count) {
        return ALL_ZONES.subList(0, count);
    }

    private static Map<ResourceKey, ResourceNode> byKey(List<ResourceNode> nodes) {
        return nodes.stream().collect(Collectors.toMap(ResourceNode::key, Function.identity()));
    }

    /** The data layer together with the network layer it builds on, as the planner composes them. */
    private static ResourceGraph graph(EnvironmentSpec spec, List<String> zones) {
        var nodes = new ArrayList<ResourceNode>(NetworkLayer.nodes(spec, zones));
        nodes.addAll(DataLayer.nodes(spec, zones));
        return new ResourceGraph(nodes);
    }

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of(
                        DatabaseEngine.POSTGRES,
                        true,
                        List.of(SUBNET_GROUP, INSTANCE, PROXY_ROLE, PROXY_ROLE_POLICY, PROXY, PROXY_TARGET)),
                Arguments.of(
                        DatabaseEngine.MYSQL,
                        true,
                        List.of(SUBNET_GROUP, INSTANCE, PROXY_ROLE, PROXY_ROLE_POLICY, PROXY, PROXY_TARGET)),
                Arguments.of(DatabaseEngine.POSTGRES, false, List.of(SUBNET_GROUP, INSTANCE)),
                Arguments.of(DatabaseEngine.MYSQL, false, List.of(SUBNET_GROUP, INSTANCE)),
                Arguments.of(DatabaseEngine.DYNAMODB, true, List.of(TABLE)),
                Arguments.of(DatabaseEngine.DYNAMODB, false, List.of(TABLE)));
    }

    @ParameterizedTest(name = "{0}, proxy {1}")
    @MethodSource("shapes")
    void theEngineAndProxyDecideTheResources(DatabaseEngine engine, boolean proxy, List<ResourceKey> expected) {
        for (int zones = 1; zones <= 3; zones++) {
            EnvironmentSpec spec = spec(database(engine, proxy), zones);
            List<ResourceNode> nodes = DataLayer.nodes(spec, zones(zones));

            assertThat(nodes).extracting(ResourceNode::key).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(nodes).extracting(ResourceNode::layer).containsOnly(Layer.DATA);
            var graph = graph(spec, zones(zones));
            assertThat(graph.size())
                    .isEqualTo(NetworkLayer.nodes(spec, zones(zones)).size() + expected.size());
            assertThat(DataLayer.readyForApp(spec))
                    .allSatisfy(k -> assertThat(graph.node(k)).isNotNull());
            if (engine.relational()) {
                assertThat(graph.node(DataLayer.connectionTarget(spec))).isNotNull();
            }
        }
    }

    @Test
    void withoutADatabaseThereIsNothing() {
        assertThat(DataLayer.nodes(spec(null, 2), zones(2))).isEmpty();
        assertThat(DataLayer.nodes(
                        spec(
                                new DatabaseSpec(
                                        false,
                                        DatabaseEngine.POSTGRES,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null),
                                2),
                        zones(2)))
                .isEmpty();
    }

    @Test
    void theProxyDefaultsToOn() {
        assertThat(DataLayer.nodes(spec(database(DatabaseEngine.POSTGRES, null), 2), zones(2)))
                .extracting(ResourceNode::key)
                .contains(PROXY, PROXY_TARGET);
    }

    @ParameterizedTest(name = "{0} zones")
    @MethodSource("zoneCounts")
    void theSubnetGroupSpansEveryPrivateSubnetAndTheProxyToo(int zones) {
        List<ResourceKey> privateSubnets =
                zones(zones).stream().map(NetworkLayer::privateSubnet).toList();
        Map<ResourceKey, ResourceNode> nodes =
                byKey(DataLayer.nodes(spec(database(DatabaseEngine.POSTGRES, true), zones), zones(zones)));

        assertThat(((DbSubnetGroupHandler.Desired) nodes.get(SUBNET_GROUP).desired()).subnets())
                .containsExactlyElementsOf(privateSubnets);
        assertThat(nodes.get(SUBNET_GROUP).dependsOn()).containsExactlyInAnyOrderElementsOf(privateSubnets);
        assertThat(((DbProxyHandler.Desired) nodes.get(PROXY).desired()).subnets())
                .containsExactlyElementsOf(privateSubnets);
        assertThat(nodes.get(PROXY).dependsOn()).containsAll(privateSubnets);
    }

    static Stream<Integer> zoneCounts() {
        return Stream.of(1, 2, 3);
    }

    @Test
    void eachResourceDependsOnWhatItNeeds() {
        Map<ResourceKey, ResourceNode> nodes =
                byKey(DataLayer.nodes(spec(database(DatabaseEngine.POSTGRES, true), 2), zones(2)));

        assertThat(nodes.get(INSTANCE).dependsOn())
                .containsExactlyInAnyOrder(SUBNET_GROUP, SecurityGroupRole.DATABASE.key());
        assertThat(nodes.get(PROXY_ROLE).dependsOn()).isEmpty();
        assertThat(nodes.get(PROXY_ROLE_POLICY).dependsOn()).containsExactlyInAnyOrder(PROXY_ROLE, INSTANCE);
        assertThat(nodes.get(PROXY).dependsOn())
                .containsExactlyInAnyOrder(
                        INSTANCE,
                        PROXY_ROLE,
                        PROXY_ROLE_POLICY,
                        SecurityGroupRole.DATABASE_PROXY.key(),
                        NetworkLayer.privateSubnet("eu-central-1a"),
                        NetworkLayer.privateSubnet("eu-central-1b"));
        assertThat(nodes.get(PROXY_TARGET).dependsOn()).containsExactlyInAnyOrder(PROXY, INSTANCE);
        assertThat(nodes.get(PROXY).needsOnly())
                .as("the proxy and its policy need the instance's secret, not an available instance")
                .isEqualTo(Map.of(INSTANCE, DataLayer.SECRET_ARN));
        assertThat(nodes.get(PROXY_ROLE_POLICY).needsOnly()).isEqualTo(Map.of(INSTANCE, DataLayer.SECRET_ARN));
        assertThat(nodes.get(PROXY_TARGET).needsOnly())
                .as("only an available instance is registered")
                .isEmpty();
    }

    @Test
    void theOrderIsSubnetGroupInstancePolicyProxyTargetAndTeardownTheReverse() {
        var graph = graph(spec(database(DatabaseEngine.POSTGRES, true), 2), zones(2));
        List<ResourceKey> order = graph.nodes().stream().map(ResourceNode::key).toList();

        assertThat(order.indexOf(SUBNET_GROUP)).isLessThan(order.indexOf(INSTANCE));
        assertThat(order.indexOf(INSTANCE)).isLessThan(order.indexOf(PROXY_ROLE_POLICY));
        assertThat(order.indexOf(PROXY_ROLE)).isLessThan(order.indexOf(PROXY_ROLE_POLICY));
        assertThat(order.indexOf(PROXY_ROLE_POLICY)).isLessThan(order.indexOf(PROXY));
        assertThat(order.indexOf(PROXY)).isLessThan(order.indexOf(PROXY_TARGET));
        // teardown deletes a resource only once its dependents are gone: the proxy before its role, policy and secret
        assertThat(graph.dependentsOf(PROXY_ROLE)).contains(PROXY_ROLE_POLICY, PROXY);
        assertThat(graph.dependentsOf(PROXY_ROLE_POLICY)).containsExactly(PROXY);
        assertThat(graph.dependentsOf(INSTANCE)).containsExactlyInAnyOrder(PROXY_ROLE_POLICY, PROXY, PROXY_TARGET);
        assertThat(graph.dependentsOf(SecurityGroupRole.DATABASE.key())).contains(INSTANCE);
        assertThat(graph.dependentsOf(NetworkLayer.privateSubnet("eu-central-1a")))
                .contains(SUBNET_GROUP, PROXY);
    }

    @Test
    void theInstanceTakesTheSpecsSettings() {
        var database = new DatabaseSpec(
                null,
                DatabaseEngine.MYSQL,
                "db.r6g.large",
                100,
                true,
                false,
                14,
                true,
                OnDelete.RETAIN,
                "shop-final-1a2b3c4d",
                null);
        Map<ResourceKey, ResourceNode> nodes = byKey(DataLayer.nodes(spec(database, 2), zones(2)));

        assertThat(nodes.get(INSTANCE).desired())
                .isEqualTo(new DbInstanceHandler.Desired(
                        DatabaseEngine.MYSQL,
                        "db.r6g.large",
                        100,
                        true,
                        14,
                        true,
                        SUBNET_GROUP,
                        SecurityGroupRole.DATABASE.key(),
                        OnDelete.RETAIN,
                        "shop-final-1a2b3c4d",
                        null));
    }

    @Test
    void theInstanceDefaultsAreSmallSingleZoneAndUnprotected() {
        Map<ResourceKey, ResourceNode> nodes =
                byKey(DataLayer.nodes(spec(database(DatabaseEngine.POSTGRES, false), 2), zones(2)));

        assertThat(nodes.get(INSTANCE).desired())
                .isEqualTo(new DbInstanceHandler.Desired(
                        DatabaseEngine.POSTGRES,
                        DatabaseSpec.DEFAULT_INSTANCE_CLASS,
                        DatabaseSpec.DEFAULT_STORAGE_GB,
                        false,
                        DatabaseSpec.DEFAULT_BACKUP_RETENTION_DAYS,
                        false,
                        SUBNET_GROUP,
                        SecurityGroupRole.DATABASE.key(),
                        OnDelete.SNAPSHOT,
                        null,
                        null));
    }

    @Test
    void theProxyRoleMayReadOnlyTheInstancesSecret() {
        Map<ResourceKey, ResourceNode> nodes =
                byKey(DataLayer.nodes(spec(database(DatabaseEngine.POSTGRES, true), 2), zones(2)));

        assertThat(nodes.get(PROXY_ROLE).desired()).isInstanceOfSatisfying(IamRoleHandler.Desired.class, role -> {
            assertThat(role.role()).isEqualTo("database-proxy");
            assertThat(role.servicePrincipal()).isEqualTo("rds.amazonaws.com");
        });
        assertThat(nodes.get(PROXY_ROLE_POLICY).desired())
                .isInstanceOfSatisfying(IamRolePolicyHandler.Desired.class, policy -> {
                    assertThat(policy.role()).isEqualTo(PROXY_ROLE);
                    assertThat(policy.statements())
                            .containsExactly(
                                    new PolicyStatement(
                                            List.of("secretsmanager:GetSecretValue"),
                                            List.of(PolicyStatement.Ref.attribute(INSTANCE, DataLayer.SECRET_ARN))),
                                    new PolicyStatement(
                                            List.of("kms:Decrypt"), List.of(PolicyStatement.Ref.literal("*"))));
                });
        assertThat(nodes.get(PROXY).desired())
                .isEqualTo(new DbProxyHandler.Desired(
                        DatabaseEngine.POSTGRES,
                        List.of(
                                NetworkLayer.privateSubnet("eu-central-1a"),
                                NetworkLayer.privateSubnet("eu-central-1b")),
                        SecurityGroupRole.DATABASE_PROXY.key(),
                        INSTANCE,
                        PROXY_ROLE));
        assertThat(nodes.get(PROXY_TARGET).desired()).isEqualTo(new DbProxyTargetHandler.Desired(PROXY, INSTANCE));
    }

    @Test
    void theTableHasAStringPartitionKeyNamedId() {
        assertThat(DataLayer.nodes(spec(database(DatabaseEngine.DYNAMODB, null), 2), zones(2)))
                .singleElement()
                .satisfies(n -> {
                    assertThat(n.key()).isEqualTo(TABLE);
                    assertThat(n.desired()).isEqualTo(new DynamoDbTableHandler.Desired("id"));
                    assertThat(n.dependsOn()).isEmpty();
                });
    }

    @Test
    void theProxyEngineFamilyFollowsTheEngine() {
        assertThat(DbProxyHandler.engineFamily(DatabaseEngine.POSTGRES)).isEqualTo(EngineFamily.POSTGRESQL);
        assertThat(DbProxyHandler.engineFamily(DatabaseEngine.MYSQL)).isEqualTo(EngineFamily.MYSQL);
        assertThatThrownBy(() -> DbProxyHandler.engineFamily(DatabaseEngine.DYNAMODB))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
