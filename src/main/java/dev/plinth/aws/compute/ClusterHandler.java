package dev.plinth.aws.compute;

import dev.plinth.aws.Describe;
import dev.plinth.aws.Differences;
import dev.plinth.aws.RegionalClient;
import dev.plinth.aws.TaggedAwsHandler;
import dev.plinth.engine.DeleteBlocker;
import dev.plinth.engine.Observation;
import dev.plinth.engine.Readiness;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import dev.plinth.engine.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.ClusterSetting;
import software.amazon.awssdk.services.ecs.model.ClusterSettingName;

/**
 * The ECS cluster the service runs in, with Container Insights on. Named deterministically; its
 * physical id is the name (the CloudWatch dimension ClusterName). A deleted cluster stays listed as
 * INACTIVE for a while: that counts as gone.
 */
@Component
class ClusterHandler extends TaggedAwsHandler<ClusterHandler.Desired, EcsClient> {

    record Desired() implements ResourceDesired {}

    static final String CONTAINER_INSIGHTS = "containerInsights";
    static final String ENABLED = "enabled";
    static final String INACTIVE = "INACTIVE";

    private static final Duration POLL = Duration.ofSeconds(5);
    private static final int TASKS_SHOWN = 3;

    ClusterHandler(RegionalClient<EcsClient> client) {
        super(client, Desired.class, "AWS::ECS::Cluster", Ecs::retag, attribute(ComputeLayer.ARN));
    }

    @Override
    public Optional<Observation> observe(ResourceContext context, Desired desired) {
        EcsClient ecs = client(context);
        return Describe.orNone(() -> ecs.describeClusters(
                                r -> r.clusters(context.name()).include(ClusterField.SETTINGS, ClusterField.TAGS))
                        .clusters())
                .stream()
                .filter(c -> !INACTIVE.equals(c.status()))
                .findFirst()
                .map(cluster -> {
                    String insights = cluster.settings().stream()
                            .filter(s -> s.name() == ClusterSettingName.CONTAINER_INSIGHTS)
                            .map(ClusterSetting::value)
                            .findFirst()
                            .orElse(null);
                    var differences = new ArrayList<>(context.tagDifferences(Ecs.TAGS.map(cluster.tags())));
                    Differences.compareText(differences, CONTAINER_INSIGHTS, ENABLED, insights);
                    return new Observation(
                            cluster.clusterName(),
                            readiness(cluster),
                            differences,
                            Map.of(
                                    ComputeLayer.NAME, cluster.clusterName(),
                                    ComputeLayer.ARN, cluster.clusterArn()));
                });
    }

    private static Readiness readiness(Cluster cluster) {
        return switch (cluster.status()) {
            case "ACTIVE" -> Readiness.READY;
            case "FAILED" -> Readiness.failed("cluster " + cluster.clusterName() + " failed");
            default -> Readiness.pending(cluster.status(), POLL);
        };
    }

    /**
     * NOTE: tagged at create, always: the emulator's tagging API answers 500 for every query while any
     * cluster has no tags.
     */
    @Override
    public String create(ResourceContext context, Desired desired) {
        return client(context)
                .createCluster(r ->
                        r.clusterName(context.name()).settings(insightsOn()).tags(Ecs.TAGS.of(context)))
                .cluster()
                .clusterName();
    }

    @Override
    public void update(ResourceContext context, Desired desired, Observation observed) {
        retagThenChange(
                context,
                observed,
                CONTAINER_INSIGHTS,
                ecs -> ecs.updateClusterSettings(
                        r -> r.cluster(observed.physicalId()).settings(insightsOn())));
    }

    /**
     * Its tasks that are meant to run (started by hand, or left by a service): ECS answers DeleteCluster
     * with ClusterContainsTasksException while the cluster has active tasks (API reference, DeleteCluster).
     * Tasks still stopping are not listed; their refusal is waited out as a dependency.
     */
    @Override
    public Optional<DeleteBlocker> deleteBlockedBy(ResourceContext context, Desired desired, Observation observed) {
        String cluster = observed.physicalId();
        List<String> tasks = client(context).listTasks(r -> r.cluster(cluster)).taskArns();
        if (tasks.isEmpty()) {
            return Optional.empty();
        }
        String shown = String.join(", ", tasks.subList(0, Math.min(tasks.size(), TASKS_SHOWN)));
        return Optional.of(new DeleteBlocker(
                tasks.size() + " task(s) of cluster " + cluster + " to stop (" + shown + ")",
                "stop them: aws ecs stop-task --cluster " + cluster + " --task <task ARN>, for each"));
    }

    /**
     * NOTE: a deleted cluster stays INACTIVE, still carrying its tags, and the tagging API keeps
     * listing it (AWS for a while, the emulator for good); ECS refuses to untag an inactive cluster.
     * So plinth's tags come off just before the delete call. The cluster is found again by name if
     * the delete call fails (ClusterContainsTasksException while a deleted service's tasks still
     * stop); the next call then finds the tags already off, and must not untag again: plinth's policy
     * lets it untag only a cluster that carries {@code plinth:managed-by}.
     */
    @Override
    public void delete(ResourceContext context, Desired desired, Observation observed) {
        EcsClient ecs = client(context);
        String arn = observed.attributes().get(ComputeLayer.ARN);
        boolean tagged = ecs.listTagsForResource(r -> r.resourceArn(arn)).tags().stream()
                .anyMatch(t -> t.key().equals(Tags.MANAGED_BY));
        if (tagged) {
            ecs.untagResource(r -> r.resourceArn(arn).tagKeys(Ecs.tagKeys(context)));
        }
        ecs.deleteCluster(r -> r.cluster(observed.physicalId()));
    }

    private static ClusterSetting insightsOn() {
        return ClusterSetting.builder()
                .name(ClusterSettingName.CONTAINER_INSIGHTS)
                .value(ENABLED)
                .build();
    }
}
