package dev.plinth.aws.storage;

import dev.plinth.aws.AwsClients;
import dev.plinth.engine.Observation;
import dev.plinth.engine.Readiness;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.TagChanges;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.efs.model.LifeCycleState;
import software.amazon.awssdk.services.efs.model.Tag;

/** What the EFS handlers share: tags at create and after, finding by tags, and reading the lifecycle state. */
final class Efs {

    private Efs() {}

    /** The tags to pass to a create call, so the resource is never untagged. */
    static List<Tag> tags(ResourceContext context) {
        return context.tags().entrySet().stream()
                .map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build())
                .toList();
    }

    static Map<String, String> map(List<Tag> tags) {
        return tags.stream().collect(Collectors.toMap(Tag::key, Tag::value, (first, last) -> last));
    }

    /** Whether the tags mark the resource as this environment's resource of this key. */
    static boolean owns(ResourceContext context, List<Tag> tags) {
        return context.owns(map(tags));
    }

    /**
     * Sets and removes tags of a file system or access point by its id. NOTE: TagResource overwrites
     * the value of a key the resource has (a file system's Name is its Name tag); UntagResource of a
     * key it does not have is no error.
     */
    static void retag(AwsClients aws, ResourceContext context, String resourceId, TagChanges changes) {
        var efs = aws.efs(context.region());
        changes.apply(
                keys -> efs.untagResource(r -> r.resourceId(resourceId).tagKeys(keys)),
                tags -> efs.tagResource(r -> r.resourceId(resourceId)
                        .tags(tags.entrySet().stream()
                                .map(t -> Tag.builder()
                                        .key(t.getKey())
                                        .value(t.getValue())
                                        .build())
                                .toList())));
    }

    /** Whether a resource in this state still exists: "deleted" is gone, "deleting" is not yet. */
    static boolean exists(LifeCycleState state) {
        return state != LifeCycleState.DELETED;
    }

    /**
     * The readiness of an EFS resource by its lifecycle state: "available" is ready, "error" failed,
     * anything else (creating, updating, deleting) is not yet.
     */
    static Readiness readiness(LifeCycleState state, String stateText, String what, Duration poll) {
        return switch (state) {
            case AVAILABLE -> Readiness.READY;
            case ERROR -> Readiness.failed(what + " is in state error");
            default -> Readiness.pending(stateText, poll);
        };
    }

    /** Whether the observed resource is already being deleted, so a delete call would only repeat itself. */
    static boolean deleting(Observation observed) {
        return observed.readiness() instanceof Readiness.Pending p
                && LifeCycleState.DELETING.toString().equals(p.detail());
    }
}
