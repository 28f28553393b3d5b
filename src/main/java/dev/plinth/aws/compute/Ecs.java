package dev.plinth.aws.compute;

import dev.plinth.engine.ResourceContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.UUID;
import software.amazon.awssdk.services.ecs.model.Tag;

/** Tags, ownership and "not found" answers of ECS, shared by the compute handlers. */
final class Ecs {

    private Ecs() {}

    static List<Tag> tags(ResourceContext context) {
        return context.tags().entrySet().stream()
                .map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build())
                .toList();
    }

    /** Whether the tags are this environment's and this key's. */
    static boolean owns(ResourceContext context, List<Tag> tags) {
        return context.owns(tags.stream().collect(Collectors.toMap(Tag::key, Tag::value, (first, last) -> last)));
    }

    /** The keys of the tags plinth put on the resource, for UntagResource. */
    static List<String> tagKeys(ResourceContext context) {
        return List.copyOf(context.tags().keySet());
    }

    /** ECS takes client tokens of at most 36 characters: a name-based UUID of the context's token. */
    static String clientToken(ResourceContext context) {
        return UUID.nameUUIDFromBytes(context.idempotencyToken().getBytes(StandardCharsets.UTF_8)).toString();
    }

}
