package dev.plinth.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResourceGraphTest {

    /** A resource kind that exists only in tests. */
    private record Thing() implements ResourceDesired {}

    private static ResourceNode node(String key, String... dependsOn) {
        return new ResourceNode(
                ResourceKey.of(key),
                Layer.NETWORK,
                new Thing(),
                Set.copyOf(Arrays.stream(dependsOn).map(ResourceKey::of).toList()));
    }

    private static ResourceKey key(String value) {
        return ResourceKey.of(value);
    }

    /** top depends on left and right, which both depend on bottom; given dependents first. */
    private static List<ResourceNode> scrambledDiamond() {
        return List.of(node("top", "left", "right"), node("right", "bottom"), node("bottom"), node("left", "bottom"));
    }

    @Test
    void withDependenciesIsTheKeysAndAllTheyStandOn() {
        var graph = new ResourceGraph(List.of(
                node("top", "left", "right"),
                node("right", "bottom"),
                node("bottom"),
                node("left", "bottom"),
                node("beside", "bottom")));

        assertThat(graph.withDependencies(Set.of(key("right")))).containsExactlyInAnyOrder(key("right"), key("bottom"));
        assertThat(graph.withDependencies(Set.of(key("top"))))
                .containsExactlyInAnyOrder(key("top"), key("left"), key("right"), key("bottom"));
        assertThat(graph.withDependencies(Set.of())).isEmpty();
    }

    @Test
    void nodesComeAfterEveryResourceTheyDependOn() {
        var graph = new ResourceGraph(scrambledDiamond());

        List<ResourceKey> order = graph.nodes().stream().map(ResourceNode::key).toList();

        assertThat(order).containsExactlyInAnyOrder(key("top"), key("left"), key("right"), key("bottom"));
        for (ResourceNode n : graph.nodes()) {
            for (ResourceKey dep : n.dependsOn()) {
                assertThat(order.indexOf(dep))
                        .as("%s must come after %s in %s", n.key(), dep, order)
                        .isLessThan(order.indexOf(n.key()));
            }
        }
        assertThat(order.getFirst()).isEqualTo(key("bottom"));
        assertThat(order.getLast()).isEqualTo(key("top"));
        assertThat(graph.size()).isEqualTo(4);
    }

    @Test
    void dependentsOfListsOnlyDirectDependents() {
        var graph = new ResourceGraph(scrambledDiamond());

        assertThat(graph.dependentsOf(key("bottom"))).containsExactlyInAnyOrder(key("left"), key("right"));
        assertThat(graph.dependentsOf(key("left"))).containsExactly(key("top"));
        assertThat(graph.dependentsOf(key("top"))).isEmpty();
    }

    @Test
    void nodeFindsAResourceByKey() {
        var graph = new ResourceGraph(scrambledDiamond());

        assertThat(graph.node(key("left")).dependsOn()).containsExactly(key("bottom"));
    }

    @Test
    void nodeOfAnUnknownKeyIsRejected() {
        var graph = new ResourceGraph(scrambledDiamond());

        assertThatIllegalArgumentException()
                .isThrownBy(() -> graph.node(key("missing")))
                .withMessageContaining("missing");
    }

    @Test
    void duplicateKeysAreRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ResourceGraph(List.of(node("vpc"), node("subnet", "vpc"), node("vpc"))))
                .withMessageContaining("vpc");
    }

    @Test
    void anUnknownDependencyIsRejectedNamingIt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ResourceGraph(List.of(node("subnet", "vpc"))))
                .withMessageContaining("subnet")
                .withMessageContaining("unknown resource vpc");
    }

    @Test
    void aCycleIsRejectedNamingTheResourcesOnIt() {
        var nodes = List.of(node("root"), node("a", "root", "c"), node("b", "a"), node("c", "b"));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ResourceGraph(nodes))
                .withMessageContaining("[a, b, c]")
                .withMessageContaining("cycle")
                .withMessageNotContaining("root");
    }

    @Test
    void aResourceThatDependsOnItselfIsACycle() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ResourceGraph(List.of(node("loop", "loop"))))
                .withMessageContaining("[loop]");
    }
}
