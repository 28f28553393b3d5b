package dev.plinth.aws.network;

import dev.plinth.aws.AwsClients;
import dev.plinth.aws.Describe;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.TagChanges;
import dev.plinth.engine.Tags;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** Tagging at create and after, and finding a resource again by its id or, when the id was lost, by its tags. */
final class Ec2Tags {

    private Ec2Tags() {}

    /** The tag specification to pass to a create call, so the resource is never untagged. */
    static TagSpecification on(ResourceType type, ResourceContext context) {
        return TagSpecification.builder()
                .resourceType(type)
                .tags(context.tags().entrySet().stream()
                        .map(t -> Tag.builder()
                                .key(t.getKey())
                                .value(t.getValue())
                                .build())
                        .toList())
                .build();
    }

    /** Tags an existing resource as retained (with plinth's own tag again, which the IAM policy asks for). */
    static void markRetained(AwsClients aws, ResourceContext context, String resourceId) {
        aws.ec2(context.region())
                .createTags(r -> r.resources(resourceId)
                        .tags(
                                Tag.builder()
                                        .key(Tags.RETAINED)
                                        .value(Tags.RETAINED_VALUE)
                                        .build(),
                                Tag.builder()
                                        .key(Tags.MANAGED_BY)
                                        .value(Tags.MANAGED_BY_VALUE)
                                        .build()));
    }

    /**
     * Sets and removes tags by key.
     * NOTE: DeleteTags with a key and no value removes the tag whatever its value, and a key the
     * resource does not have is no error; CreateTags overwrites the value of a key it has.
     */
    static void retag(AwsClients aws, ResourceContext context, String resourceId, TagChanges changes) {
        Ec2Client ec2 = aws.ec2(context.region());
        changes.apply(
                keys -> ec2.deleteTags(r -> r.resources(resourceId)
                        .tags(keys.stream()
                                .map(key -> Tag.builder().key(key).build())
                                .toList())),
                tags -> ec2.createTags(r -> r.resources(resourceId)
                        .tags(tags.entrySet().stream()
                                .map(t -> Tag.builder()
                                        .key(t.getKey())
                                        .value(t.getValue())
                                        .build())
                                .toList())));
    }

    /** The tags as a map. */
    static Map<String, String> map(List<Tag> tags) {
        return tags.stream().collect(Collectors.toMap(Tag::key, Tag::value, (first, last) -> last));
    }

    /** Filters for the resource of this environment and key. */
    static List<Filter> ownedBy(ResourceContext context) {
        return List.of(
                Filter.builder()
                        .name("tag:" + Tags.ENVIRONMENT_ID)
                        .values(context.environmentId())
                        .build(),
                Filter.builder()
                        .name("tag:" + Tags.RESOURCE_KEY)
                        .values(context.key().value())
                        .build());
    }

    /** NOTE: some describe calls ignore tag filters (the emulator's NAT gateways, for one): check what comes back. */
    static boolean owns(ResourceContext context, List<Tag> tags) {
        return context.owns(map(tags));
    }

    /**
     * Finds a resource by its recorded id, else among those tagged for this environment and key.
     *
     * @param byId   describes the one id; may throw a "not found" error
     * @param byTags describes with {@link #ownedBy} filters
     */
    static <T> Optional<T> find(
            ResourceContext context,
            Function<String, List<T>> byId,
            Supplier<List<T>> byTags,
            Function<T, List<Tag>> tagsOf) {
        if (context.physicalId() != null) {
            List<T> found = Describe.orNone(() -> byId.apply(context.physicalId()));
            if (!found.isEmpty()) {
                return Optional.of(found.getFirst());
            }
        }
        return byTags.get().stream().filter(r -> owns(context, tagsOf.apply(r))).findFirst();
    }
}
