package dev.plinth.aws.orphans;

import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.EcsClient;

/** Deleting orphaned ECS services and task definitions, whose engine handlers need the desired records. */
final class EcsOrphans {

    private EcsOrphans() {}

    /**
     * {@code service/<cluster>/<name>}; deleted with {@code force}, which stops its tasks.
     * NOTE: a deleted service stays listed as INACTIVE with its tags; it is untagged after the delete so
     * that it is not listed again (the engine's handler untags first, but an orphan untagged and then
     * not deleted could never be found again).
     */
    static Optional<String> deleteService(EcsClient ecs, ResourceArn arn, Map<String, String> tags) {
        String[] parts = arn.resource().split("/");
        String cluster = parts.length > 1 ? parts[0] : "default";
        ecs.deleteService(r -> r.cluster(cluster).service(arn.value()).force(true));
        ecs.untagResource(r -> r.resourceArn(arn.value()).tagKeys(tags.keySet()));
        return Optional.empty();
    }

    /** Deregistered, then deleted. */
    static Optional<String> deleteTaskDefinition(EcsClient ecs, ResourceArn arn) {
        ecs.deregisterTaskDefinition(r -> r.taskDefinition(arn.value()));
        ecs.deleteTaskDefinitions(r -> r.taskDefinitions(arn.value()));
        return Optional.empty();
    }
}
