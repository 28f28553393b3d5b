package dev.plinth.aws.database;

import dev.plinth.aws.AwsClients;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.Tags;
import java.util.List;
import software.amazon.awssdk.services.rds.model.Tag;

/** The context's tags as RDS takes them at create. */
final class RdsTags {

    private RdsTags() {}

    /** Tags an existing resource as retained (with plinth's own tag again, which the IAM policy asks for). */
    static void markRetained(AwsClients aws, ResourceContext context, String arn) {
        aws.rds(context.region()).addTagsToResource(r -> r.resourceName(arn).tags(
                Tag.builder().key(Tags.RETAINED).value(Tags.RETAINED_VALUE).build(),
                Tag.builder().key(Tags.MANAGED_BY).value(Tags.MANAGED_BY_VALUE).build()));
    }

    static List<Tag> of(ResourceContext context) {
        return context.tags().entrySet().stream()
                .map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build())
                .toList();
    }
}
