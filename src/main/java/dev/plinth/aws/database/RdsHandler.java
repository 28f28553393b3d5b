package dev.plinth.aws.database;

import dev.plinth.aws.Describe;
import dev.plinth.aws.RegionalClient;
import dev.plinth.aws.TaggedAwsHandler;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.rds.RdsClient;

/**
 * The handler of an RDS kind (instance, subnet group, proxy): named by plinth ({@link RdsNames}) and
 * found again by that name, tagged with RDS's tag calls on the ARN it publishes as
 * {@link DataLayer#ARN}.
 */
abstract class RdsHandler<D extends ResourceDesired> extends TaggedAwsHandler<D, RdsClient> {

    protected RdsHandler(RegionalClient<RdsClient> client, Class<D> desiredType, String kind) {
        super(client, desiredType, kind, RdsTags::retag, attribute(DataLayer.ARN));
    }

    /** The resource's name (identifier): the recorded id, else the one plinth gives it. */
    static String name(ResourceContext context) {
        return context.knownId().orElse(RdsNames.of(context));
    }

    /**
     * What {@code describe} gives of the name {@code name}, compared as RDS compares identifiers
     * (without case); none when RDS answers "not found".
     */
    protected static <R> Optional<R> named(String name, Supplier<List<R>> describe, Function<R, String> nameOf) {
        return Describe.optional(() -> describe.get().stream()
                .filter(found -> name.equalsIgnoreCase(nameOf.apply(found)))
                .findFirst());
    }
}
