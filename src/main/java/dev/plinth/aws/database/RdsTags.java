package dev.plinth.aws.database;

import dev.plinth.aws.AwsClients;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.TagChanges;
import dev.plinth.engine.Tags;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.Tag;

/** The context's tags as RDS takes them at create, and its tag calls after: for instances, proxies and subnet groups. */
final class RdsTags {

    private RdsTags() {}

    /** Tags an existing resource as retained (with plinth's own tag again, which the IAM policy asks for). */
    static void markRetained(AwsClients aws, ResourceContext context, String arn) {
        aws.rds(context.region())
                .addTagsToResource(r -> r.resourceName(arn)
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

    /** The tags of the resource {@code arn}, for those RDS describes without them (proxies, subnet groups). */
    static Map<String, String> of(AwsClients aws, ResourceContext context, String arn) {
        return map(aws.rds(context.region())
                .listTagsForResource(r -> r.resourceName(arn))
                .tagList());
    }

    static Map<String, String> map(List<Tag> tags) {
        return tags.stream().collect(Collectors.toMap(Tag::key, Tag::value, (first, last) -> last));
    }

    /**
     * Sets and removes tags by key.
     * NOTE: AddTagsToResource overwrites the value of a key the resource has; RemoveTagsFromResource
     * takes keys only, and one the resource does not have is no error.
     */
    static void retag(AwsClients aws, ResourceContext context, String arn, TagChanges changes) {
        RdsClient rds = aws.rds(context.region());
        changes.apply(
                keys -> rds.removeTagsFromResource(r -> r.resourceName(arn).tagKeys(keys)),
                tags -> rds.addTagsToResource(r -> r.resourceName(arn)
                        .tags(tags.entrySet().stream()
                                .map(t -> Tag.builder()
                                        .key(t.getKey())
                                        .value(t.getValue())
                                        .build())
                                .toList())));
    }

    static List<Tag> of(ResourceContext context) {
        return context.tags().entrySet().stream()
                .map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build())
                .toList();
    }
}
