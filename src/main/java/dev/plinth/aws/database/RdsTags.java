package dev.plinth.aws.database;

import dev.plinth.aws.ServiceTags;
import dev.plinth.engine.TagChanges;
import java.util.Map;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.Tag;

/** The context's tags as RDS takes them at create, and its tag calls after: for instances, proxies and subnet groups. */
final class RdsTags {

    static final ServiceTags<Tag> TAGS = new ServiceTags<>(
            (key, value) -> Tag.builder().key(key).value(value).build(), Tag::key, Tag::value);

    private RdsTags() {}

    /** Tags an existing resource as retained (with plinth's own tag again, which the IAM policy asks for). */
    static void markRetained(RdsClient rds, String arn) {
        rds.addTagsToResource(r -> r.resourceName(arn).tags(TAGS.retained()));
    }

    /** The tags of the resource {@code arn}, for those RDS describes without them (proxies, subnet groups). */
    static Map<String, String> of(RdsClient rds, String arn) {
        return TAGS.map(rds.listTagsForResource(r -> r.resourceName(arn)).tagList());
    }

    /**
     * Sets and removes tags by key.
     * NOTE: AddTagsToResource overwrites the value of a key the resource has; RemoveTagsFromResource
     * takes keys only, and one the resource does not have is no error.
     */
    static void retag(RdsClient rds, String arn, TagChanges changes) {
        changes.apply(
                keys -> rds.removeTagsFromResource(r -> r.resourceName(arn).tagKeys(keys)),
                tags -> rds.addTagsToResource(r -> r.resourceName(arn).tags(TAGS.list(tags))));
    }
}
