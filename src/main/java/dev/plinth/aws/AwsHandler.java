package dev.plinth.aws;

import dev.plinth.engine.Difference;
import dev.plinth.engine.Observation;
import dev.plinth.engine.Readiness;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import dev.plinth.engine.ResourceHandler;
import dev.plinth.engine.ResourceKind;
import dev.plinth.engine.TagChanges;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.core.SdkClient;

/**
 * What every kind's handler has: its desired record, its kind's name, the client of the one service
 * it may call ({@link RegionalClient}), and the readings of an observation that updates and deletes
 * share. The kind's class holds the rest.
 *
 * <p>Contract: it declares no {@link #update}: a kind whose resources change in place beyond their tags
 * says so by declaring its own (the engine looks at where {@code update} is declared to plan changes).
 */
public abstract class AwsHandler<D extends ResourceDesired, C extends SdkClient> implements ResourceHandler<D> {

    private final RegionalClient<C> client;
    private final Class<D> desiredType;
    private final ResourceKind kind;

    protected AwsHandler(RegionalClient<C> client, Class<D> desiredType, String kind) {
        this.client = client;
        this.desiredType = desiredType;
        this.kind = ResourceKind.of(kind);
    }

    @Override
    public final Class<D> desiredType() {
        return desiredType;
    }

    @Override
    public final ResourceKind kind() {
        return kind;
    }

    /** The kind's own, from its entry in {@link ResourceKinds}. */
    @Override
    public final Optional<Duration> readinessTimeout() {
        return ResourceKinds.find(kind).flatMap(e -> Optional.ofNullable(e.readinessTimeout()));
    }

    /** The kind's own, from its entry in {@link ResourceKinds}. */
    @Override
    public final Optional<Duration> deleteTimeout() {
        return ResourceKinds.find(kind).flatMap(e -> Optional.ofNullable(e.deleteTimeout()));
    }

    /** The client of the kind's service, in the context's region. */
    protected final C client(ResourceContext context) {
        return client.in(context.region());
    }

    /** Whether {@code observed} reports a difference of {@code attribute}. */
    protected static boolean differs(Observation observed, String attribute) {
        return observed.differences().stream().anyMatch(d -> d.attribute().equals(attribute));
    }

    /** Whether every difference {@code observed} reports is a tag's (or there is none). */
    protected static boolean onlyTags(Observation observed) {
        return observed.differences().stream().allMatch(TagChanges::isTag);
    }

    /** Makes the tag changes {@code observed} reports, then gives the other differences, for the kind to make. */
    protected List<Difference> retagThenSettings(ResourceContext context, Observation observed) {
        retagAsObserved(context, observed);
        return observed.differences().stream().filter(d -> !TagChanges.isTag(d)).toList();
    }

    /**
     * For a kind with one setting that changes in place: makes the tag changes {@code observed} reports,
     * then, if {@code setting} differs, {@code change} with the kind's client.
     */
    protected final void retagThenChange(
            ResourceContext context, Observation observed, String setting, Consumer<C> change) {
        retagAsObserved(context, observed);
        if (differs(observed, setting)) {
            change.accept(client(context));
        }
    }

    /** Makes the tag changes {@code observed} reports; whether they were all it reported. */
    protected final boolean retaggedOnly(ResourceContext context, Observation observed) {
        return retagThenSettings(context, observed).isEmpty();
    }

    /**
     * Whether {@code observed} was pending in the state {@code detail} (a resource already {@code deleting},
     * whose delete call would only repeat itself).
     */
    protected static boolean pendingIn(Observation observed, String detail) {
        return observed.readiness() instanceof Readiness.Pending p && detail.equals(p.detail());
    }
}
