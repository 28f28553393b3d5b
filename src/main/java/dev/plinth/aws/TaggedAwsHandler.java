package dev.plinth.aws;

import dev.plinth.engine.Observation;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import dev.plinth.engine.Retagger;
import dev.plinth.engine.TagChanges;
import java.util.function.Function;
import software.amazon.awssdk.core.SdkClient;

/**
 * The handler of a kind that takes tags: the spec's tags change in place with its service's tag calls
 * ({@link TagCalls}), on the id those calls take.
 */
public abstract class TaggedAwsHandler<D extends ResourceDesired, C extends SdkClient> extends AwsHandler<D, C>
        implements Retagger {

    /** A service's calls that set and remove tags of one resource, by key, as {@code changes} says. */
    @FunctionalInterface
    public interface TagCalls<C> {
        void retag(C client, String resource, TagChanges changes);
    }

    private final TagCalls<C> tagCalls;
    private final Function<Observation, String> tagged;

    /** Tags the resource by its physical id. */
    protected TaggedAwsHandler(RegionalClient<C> client, Class<D> desiredType, String kind, TagCalls<C> tagCalls) {
        this(client, desiredType, kind, tagCalls, Observation::physicalId);
    }

    /** @param tagged the id the tag calls take, read from an observation (an ARN it publishes, say) */
    protected TaggedAwsHandler(
            RegionalClient<C> client,
            Class<D> desiredType,
            String kind,
            TagCalls<C> tagCalls,
            Function<Observation, String> tagged) {
        super(client, desiredType, kind);
        this.tagCalls = tagCalls;
        this.tagged = tagged;
    }

    /** The observation's attribute {@code name}: where a kind whose tag calls take an ARN publishes it. */
    protected static Function<Observation, String> attribute(String name) {
        return observed -> observed.attributes().get(name);
    }

    @Override
    public void retag(ResourceContext context, Observation observed, TagChanges changes) {
        tagCalls.retag(client(context), tagged.apply(observed), changes);
    }
}
