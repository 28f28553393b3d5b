package dev.plinth.aws.network;

import dev.plinth.aws.RegionalClient;
import dev.plinth.aws.TaggedAwsHandler;
import dev.plinth.engine.Difference;
import dev.plinth.engine.Observation;
import dev.plinth.engine.Readiness;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The handler of an EC2 kind that carries tags and is found again by them: described by its recorded
 * id, else among the resources tagged with this environment and key ({@link Ec2Tags#ownedBy}), and
 * retagged with CreateTags and DeleteTags. The kind's class names its describe call and what it
 * compares beyond the tags.
 *
 * @param <R> the kind's SDK model ({@code Vpc}, {@code Subnet}, …)
 */
abstract class Ec2Handler<D extends ResourceDesired, R> extends TaggedAwsHandler<D, Ec2Client> {

    private final Function<R, String> idOf;
    private final Function<R, List<Tag>> tagsOf;

    protected Ec2Handler(
            RegionalClient<Ec2Client> client,
            Class<D> desiredType,
            String kind,
            Function<R, String> idOf,
            Function<R, List<Tag>> tagsOf) {
        super(client, desiredType, kind, Ec2Tags::retag);
        this.idOf = idOf;
        this.tagsOf = tagsOf;
    }

    /** The kind's describe call: by the query's id or by its filters. May throw a "not found" error. */
    protected abstract List<R> describe(Ec2Client ec2, Ec2Query query);

    /** Whether a described resource still counts as there; all do, unless the kind lists deleted ones. */
    protected boolean exists(R resource) {
        return true;
    }

    /** Ready once described, unless the kind has states to wait through. */
    protected Readiness readiness(R resource) {
        return Readiness.READY;
    }

    /** How the resource differs from {@code desired}: by default only in its tags. */
    protected List<Difference> differences(Ec2Client ec2, ResourceContext context, D desired, R resource) {
        return context.tagDifferences(Ec2Tags.TAGS.map(tagsOf.apply(resource)));
    }

    @Override
    public Optional<Observation> observe(ResourceContext context, D desired) {
        Ec2Client ec2 = client(context);
        return find(ec2, context)
                .map(resource -> new Observation(
                        idOf.apply(resource), readiness(resource), differences(ec2, context, desired, resource)));
    }

    /** The resource by its recorded id, else by this environment's and key's tags. */
    protected Optional<R> find(Ec2Client ec2, ResourceContext context) {
        return Ec2Tags.find(
                context,
                id -> live(describe(ec2, Ec2Query.byId(id))),
                () -> live(describe(ec2, Ec2Query.byFilters(Ec2Tags.ownedBy(context)))),
                tagsOf);
    }

    private List<R> live(List<R> described) {
        return described.stream().filter(this::exists).toList();
    }
}
