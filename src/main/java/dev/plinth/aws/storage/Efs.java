package dev.plinth.aws.storage;

import dev.plinth.aws.ServiceTags;
import dev.plinth.engine.Observation;
import dev.plinth.engine.Readiness;
import dev.plinth.engine.TagChanges;
import java.time.Duration;
import software.amazon.awssdk.services.efs.EfsClient;
import software.amazon.awssdk.services.efs.model.LifeCycleState;
import software.amazon.awssdk.services.efs.model.Tag;

/** What the EFS handlers share: tags at create and after, finding by tags, and reading the lifecycle state. */
final class Efs {

    static final ServiceTags<Tag> TAGS = new ServiceTags<>(
            (key, value) -> Tag.builder().key(key).value(value).build(), Tag::key, Tag::value);

    private Efs() {}

    /**
     * Sets and removes tags of a file system or access point by its id. NOTE: TagResource overwrites
     * the value of a key the resource has (a file system's Name is its Name tag); UntagResource of a
     * key it does not have is no error.
     */
    static void retag(EfsClient efs, String resourceId, TagChanges changes) {
        changes.apply(
                keys -> efs.untagResource(r -> r.resourceId(resourceId).tagKeys(keys)),
                tags -> efs.tagResource(r -> r.resourceId(resourceId).tags(TAGS.list(tags))));
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
