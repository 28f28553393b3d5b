package dev.plinth.aws.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.aws.network.NetworkLayer;
import dev.plinth.engine.Layer;
import dev.plinth.engine.ResourceGraph;
import dev.plinth.engine.ResourceKey;
import dev.plinth.engine.ResourceNode;
import dev.plinth.spec.EnvironmentSpec;
import dev.plinth.spec.FileSystemSpec;
import dev.plinth.spec.NatGatewayMode;
import dev.plinth.spec.NetworkSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.efs.model.PerformanceMode;
import software.amazon.awssdk.services.efs.model.ThroughputMode;

class StorageLayerTest {

    private static final List<String> ALL_ZONES = List.of("eu-central-1a", "eu-central-1b", "eu-central-1c");
    private static final ResourceKey FILE_SYSTEM_GROUP = NetworkLayer.SecurityGroupRole.FILE_SYSTEM.key();

    private static EnvironmentSpec spec(int zones, FileSystemSpec fileSystem) {
        return new EnvironmentSpec(
                        "files",
                        "eu-central-1",
                        null,
                        Map.of(),
                        new NetworkSpec("10.61.0.0/16", zones, NatGatewayMode.NONE),
                        null,
                        fileSystem,
                        null,
                        null,
                        null)
                .withDefaults();
    }

    private static List<String> zones(int count) {
        return ALL_ZONES.subList(0, count);
    }

    /** The storage layer over the network layer it builds on, as the planner composes them. */
    private static ResourceGraph graph(int zones) {
        EnvironmentSpec spec = spec(zones, new FileSystemSpec(true, "/data"));
        var nodes = new ArrayList<ResourceNode>(NetworkLayer.nodes(spec, zones(zones)));
        nodes.addAll(StorageLayer.nodes(spec, zones(zones)));
        return new ResourceGraph(nodes);
    }

    @Test
    void withoutAFileSystemSectionThereIsNothing() {
        assertThat(StorageLayer.nodes(spec(2, null), zones(2))).isEmpty();
        assertThat(StorageLayer.nodes(spec(2, new FileSystemSpec(false, null)), zones(2)))
                .isEmpty();
        assertThat(StorageLayer.readyForApp(spec(2, null), zones(2))).isEmpty();
    }

    @ParameterizedTest(name = "{0} zones")
    @ValueSource(ints = {1, 2, 3})
    void aFileSystemAMountTargetPerZoneAndAnAccessPointAllInTheStorageLayer(int zones) {
        List<ResourceNode> nodes = StorageLayer.nodes(spec(zones, new FileSystemSpec(true, null)), zones(zones));

        assertThat(nodes)
                .extracting(ResourceNode::key)
                .containsExactlyInAnyOrderElementsOf(
                        StorageLayer.readyForApp(spec(zones, new FileSystemSpec(true, null)), zones(zones)));
        assertThat(nodes)
                .hasSize(2 + zones)
                .allSatisfy(n -> assertThat(n.layer()).isEqualTo(Layer.STORAGE));
        assertThat(graph(zones).size())
                .as("a valid graph over the network layer")
                .isPositive();
    }

    @Test
    void theFileSystemIsEncryptedByItsHandlerAndAsksForGeneralPurposeAndElasticThroughput() {
        ResourceNode fileSystem = graph(1).node(StorageLayer.FILE_SYSTEM);

        assertThat(fileSystem.desired())
                .isEqualTo(new FileSystemHandler.Desired(PerformanceMode.GENERAL_PURPOSE, ThroughputMode.ELASTIC));
        assertThat(fileSystem.dependsOn()).isEmpty();
    }

    @ParameterizedTest(name = "{0} zones")
    @ValueSource(ints = {1, 2, 3})
    void eachMountTargetSitsInThePrivateSubnetOfItsZoneInTheFileSystemGroup(int zones) {
        ResourceGraph graph = graph(zones);

        for (String zone : zones(zones)) {
            ResourceNode mountTarget = graph.node(StorageLayer.mountTarget(zone));
            assertThat(mountTarget.desired())
                    .isEqualTo(new MountTargetHandler.Desired(
                            StorageLayer.FILE_SYSTEM, NetworkLayer.privateSubnet(zone), FILE_SYSTEM_GROUP));
            assertThat(mountTarget.dependsOn())
                    .containsExactlyInAnyOrder(
                            StorageLayer.FILE_SYSTEM, NetworkLayer.privateSubnet(zone), FILE_SYSTEM_GROUP);
        }
    }

    @Test
    void theAccessPointActsAsUser1000UnderADirectoryNamedForTheEnvironment() {
        ResourceNode accessPoint = graph(2).node(StorageLayer.ACCESS_POINT);

        assertThat(accessPoint.desired())
                .isEqualTo(new AccessPointHandler.Desired(StorageLayer.FILE_SYSTEM, 1000, 1000, "/files", "0755"));
        assertThat(accessPoint.dependsOn()).containsExactly(StorageLayer.FILE_SYSTEM);
    }

    /** Teardown is the graph reversed: AWS refuses to delete a file system, subnet or group a mount target still uses. */
    @Test
    void teardownRemovesMountTargetsAndTheAccessPointBeforeTheFileSystemTheSubnetsAndTheGroup() {
        ResourceGraph graph = graph(3);
        List<ResourceKey> mountTargets =
                zones(3).stream().map(StorageLayer::mountTarget).toList();

        assertThat(graph.dependentsOf(StorageLayer.FILE_SYSTEM))
                .containsAll(mountTargets)
                .contains(StorageLayer.ACCESS_POINT);
        assertThat(graph.dependentsOf(FILE_SYSTEM_GROUP)).containsAll(mountTargets);
        for (String zone : zones(3)) {
            assertThat(graph.dependentsOf(NetworkLayer.privateSubnet(zone))).contains(StorageLayer.mountTarget(zone));
        }
    }
}
