package dev.plinth.aws.compute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.engine.ResourceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterSetting;
import software.amazon.awssdk.services.ecs.model.ClusterSettingName;
import software.amazon.awssdk.services.ecs.model.DeleteClusterRequest;
import software.amazon.awssdk.services.ecs.model.DeleteClusterResponse;
import software.amazon.awssdk.services.ecs.model.DescribeClustersRequest;
import software.amazon.awssdk.services.ecs.model.DescribeClustersResponse;
import software.amazon.awssdk.services.ecs.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.ecs.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.UntagResourceRequest;
import software.amazon.awssdk.services.ecs.model.UntagResourceResponse;

/** The cluster's teardown: plinth's tags off before the delete call, and only while they are on. */
class ClusterHandlerTest {

    private static final String ARN = "arn:aws:ecs:eu-central-1:123456789012:cluster/web-cluster";
    private static final ResourceContext CONTEXT =
            ResourceContext.of("env-1", "web", "eu-central-1", ComputeLayer.CLUSTER, "web-cluster", Map.of(), Map.of());

    private final FakeEcs ecs = new FakeEcs();
    private final ClusterHandler handler = new ClusterHandler(region -> ecs);

    @Test
    void theTagsComeOffBeforeTheDeleteCall() {
        ecs.tags = CONTEXT.tags().entrySet().stream()
                .map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build())
                .toList();

        handler.delete(
                CONTEXT,
                new ClusterHandler.Desired(),
                handler.observe(CONTEXT, new ClusterHandler.Desired()).orElseThrow());

        assertThat(ecs.calls).hasSize(2);
        assertThat(ecs.calls.getFirst()).startsWith("UntagResource " + ARN).contains("plinth:managed-by");
        assertThat(ecs.calls.getLast()).isEqualTo("DeleteCluster web-cluster");
    }

    /** A delete call refused (tasks still stopping) left the cluster untagged: untagging again would be denied. */
    @Test
    void aClusterWhoseTagsAreAlreadyOffIsDeletedWithoutUntaggingAgain() {
        ecs.tags = List.of();

        handler.delete(
                CONTEXT,
                new ClusterHandler.Desired(),
                handler.observe(CONTEXT, new ClusterHandler.Desired()).orElseThrow());

        assertThat(ecs.calls).containsExactly("DeleteCluster web-cluster");
    }

    private static final class FakeEcs implements EcsClient {
        List<Tag> tags = List.of();
        final List<String> calls = new ArrayList<>();

        @Override
        public DescribeClustersResponse describeClusters(DescribeClustersRequest request) {
            return DescribeClustersResponse.builder()
                    .clusters(Cluster.builder()
                            .clusterName("web-cluster")
                            .clusterArn(ARN)
                            .status("ACTIVE")
                            .settings(ClusterSetting.builder()
                                    .name(ClusterSettingName.CONTAINER_INSIGHTS)
                                    .value("enabled")
                                    .build())
                            .tags(tags)
                            .build())
                    .build();
        }

        @Override
        public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest request) {
            return ListTagsForResourceResponse.builder().tags(tags).build();
        }

        @Override
        public UntagResourceResponse untagResource(UntagResourceRequest request) {
            calls.add("UntagResource " + request.resourceArn() + " " + request.tagKeys());
            return UntagResourceResponse.builder().build();
        }

        @Override
        public DeleteClusterResponse deleteCluster(DeleteClusterRequest request) {
            calls.add("DeleteCluster " + request.cluster());
            return DeleteClusterResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return "ecs";
        }

        @Override
        public void close() {}
    }
}
