package dev.plinth.aws.compute;

import dev.plinth.aws.ServiceTags;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.TagChanges;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Tag;

/** Tags, ownership and "not found" answers of ECS, shared by the compute handlers. */
final class Ecs {

    static final ServiceTags<Tag> TAGS = new ServiceTags<>(
            (key, value) -> Tag.builder().key(key).value(value).build(), Tag::key, Tag::value);

    private Ecs() {}

    /**
     * Sets and removes tags of the resource {@code arn}, by key.
     * NOTE: TagResource overwrites the value of a key the resource has; UntagResource of a
     * key it does not have is no error.
     */
    static void retag(EcsClient ecs, String arn, TagChanges changes) {
        changes.apply(
                keys -> ecs.untagResource(r -> r.resourceArn(arn).tagKeys(keys)),
                tags -> ecs.tagResource(r -> r.resourceArn(arn).tags(TAGS.list(tags))));
    }

    /** The keys of the tags plinth put on the resource, for UntagResource. */
    static List<String> tagKeys(ResourceContext context) {
        return List.copyOf(context.tags().keySet());
    }

    /** ECS takes client tokens of at most 36 characters: a name-based UUID of the context's token. */
    static String clientToken(ResourceContext context) {
        return UUID.nameUUIDFromBytes(context.idempotencyToken().getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
