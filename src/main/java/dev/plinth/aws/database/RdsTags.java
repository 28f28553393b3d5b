package dev.plinth.aws.database;

import dev.plinth.engine.ResourceContext;
import java.util.List;
import software.amazon.awssdk.services.rds.model.Tag;

/** The context's tags as RDS takes them at create. */
final class RdsTags {

    private RdsTags() {}

    static List<Tag> of(ResourceContext context) {
        return context.tags().entrySet().stream()
                .map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build())
                .toList();
    }
}
