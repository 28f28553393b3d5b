package dev.plinth.aws;

import dev.plinth.engine.Observation;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import dev.plinth.engine.Retagger;
import dev.plinth.engine.TagChanges;
import java.util.function.Function;

/**
 * The handler of a kind that takes tags: the spec's tags change in place with its service's tag calls
 * ({@link TagCalls}), on the id those calls take.
 */
public abstract class TaggedAwsHandler<D extends ResourceDesired> extends AwsHandler<D> implements Retagger {

    /** A service's calls that set and remove tags of one resource, by key, as {@code changes} says. */
    @FunctionalInterface
    public interface TagCalls {
        void retag(AwsClients aws, ResourceContext context, String resource, TagChanges changes);
    }

    private final TagCalls tagCalls;
    private final Function<Observation, String> tagged;

    /** Tags the resource by its physical id. */
    protected TaggedAwsHandler(AwsClients aws, Class<D> desiredType, String kind, TagCalls tagCalls) {
        this(aws, desiredType, kind, tagCalls, Observation::physicalId);
    }

    /** @param tagged the id the tag calls take, read from an observation (an ARN it publishes, say) */
    protected TaggedAwsHandler(
            AwsClients aws,
            Class<D> desiredType,
            String kind,
            TagCalls tagCalls,
            Function<Observation, String> tagged) {
        super(aws, desiredType, kind);
        this.tagCalls = tagCalls;
        this.tagged = tagged;
    }

    /** The observation's attribute {@code name}: where a kind whose tag calls take an ARN publishes it. */
    protected static Function<Observation, String> attribute(String name) {
        return observed -> observed.attributes().get(name);
    }

    @Override
    public void retag(ResourceContext context, Observation observed, TagChanges changes) {
        tagCalls.retag(aws, context, tagged.apply(observed), changes);
    }
}
