package dev.plinth.aws.network;

import dev.plinth.aws.Lookup;
import dev.plinth.aws.ServiceTags;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.TagChanges;
import dev.plinth.engine.Tags;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** Tagging at create and after, and finding a resource again by its id or, when the id was lost, by its tags. */
final class Ec2Tags {

    static final ServiceTags<Tag> TAGS = new ServiceTags<>(
            (key, value) -> Tag.builder().key(key).value(value).build(), Tag::key, Tag::value);

    private Ec2Tags() {}

    /** The tag specification to pass to a create call, so the resource is never untagged. */
    static TagSpecification on(ResourceType type, ResourceContext context) {
        return TagSpecification.builder()
                .resourceType(type)
                .tags(TAGS.of(context))
                .build();
    }

    /** Tags an existing resource as retained (with plinth's own tag again, which the IAM policy asks for). */
    static void markRetained(Ec2Client ec2, String resourceId) {
        ec2.createTags(r -> r.resources(resourceId).tags(TAGS.retained()));
    }

    /**
     * Sets and removes tags by key.
     * NOTE: DeleteTags with a key and no value removes the tag whatever its value, and a key the
     * resource does not have is no error; CreateTags overwrites the value of a key it has.
     */
    static void retag(Ec2Client ec2, String resourceId, TagChanges changes) {
        changes.apply(
                keys -> ec2.deleteTags(r -> r.resources(resourceId)
                        .tags(keys.stream()
                                .map(key -> Tag.builder().key(key).build())
                                .toList())),
                tags -> ec2.createTags(r -> r.resources(resourceId).tags(TAGS.list(tags))));
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

    /**
     * Finds a resource by its recorded id, else among those tagged for this environment and key.
     * NOTE: some describe calls ignore tag filters (the emulator's NAT gateways, for one): what comes
     * back is checked.
     *
     * @param byId   describes the one id; may throw a "not found" error
     * @param byTags describes with {@link #ownedBy} filters
     */
    static <T> Optional<T> find(
            ResourceContext context,
            Function<String, List<T>> byId,
            Supplier<List<T>> byTags,
            Function<T, List<Tag>> tagsOf) {
        return Lookup.byIdElse(
                context,
                byId,
                () -> byTags.get().stream()
                        .filter(r -> TAGS.owns(context, tagsOf.apply(r)))
                        .findFirst());
    }
}
