package dev.plinth.engine;

import java.time.Duration;
import java.util.Optional;

/**
 * Knows how to observe, create, update and delete one kind of AWS resource. The engine calls it from
 * its reconcile loop; a handler never waits for AWS (no sleeps, no SDK waiters): it makes a call
 * and reports what it saw, and the engine decides when to look again.
 *
 * <p>Errors: a handler lets the SDK's exceptions through; the engine classifies them (retryable,
 * terminal, not found) in one place. It catches only what its own contract below says.
 *
 * @param <D> the desired-attribute record of this kind
 */
public interface ResourceHandler<D extends ResourceDesired> {

    /** The desired-attribute record this handler makes resources from. */
    Class<D> desiredType();

    /** The resource kind, named as CloudFormation names it, for example {@code AWS::EC2::VPC}. */
    ResourceKind kind();

    /**
     * How long a resource of this kind may take to become ready, when the kind has its own default;
     * {@code plinth.engine.readiness-timeouts} of the kind, when set, takes its place. Empty by default:
     * the engine's {@code readiness-timeout}.
     */
    default Optional<Duration> readinessTimeout() {
        return Optional.empty();
    }

    /**
     * How long a delete of this kind may wait for what still uses it, when the kind has its own default;
     * {@code plinth.engine.delete-timeouts} of the kind, when set, takes its place. Empty by default: the
     * engine's {@code delete-timeout}.
     */
    default Optional<Duration> deleteTimeout() {
        return Optional.empty();
    }

    /**
     * Finds the resource: by {@link ResourceContext#physicalId()} when it is known, otherwise by the
     * tags, token or deterministic name it was created with (a crash may have lost its id).
     *
     * @return empty when AWS has no such resource, or has it only as deleted
     */
    Optional<Observation> observe(ResourceContext context, D desired);

    /**
     * Creates the resource with the tags of {@code context} and returns its AWS id as soon as AWS
     * gives it. Readiness is the engine's business: it observes again later.
     */
    String create(ResourceContext context, D desired);

    /**
     * Changes an existing resource so the {@link Observation#differences()} go away. Only called
     * when there are differences. By default only tags can change (a {@link Retagger}'s); a kind that
     * changes more in place overrides it and retags with {@link #retagAsObserved}.
     */
    default void update(ResourceContext context, D desired, Observation observed) {
        if (!observed.differences().stream().allMatch(TagChanges::isTag)) {
            throw new UnsupportedOperationException(kind() + " cannot be changed in place: " + observed.differences());
        }
        retagAsObserved(context, observed);
    }

    /** Makes the tag changes among the differences of {@code observed}, if there are any. */
    default void retagAsObserved(ResourceContext context, Observation observed) {
        TagChanges changes = TagChanges.in(observed.differences());
        if (changes.isEmpty()) {
            return;
        }
        if (!(this instanceof Retagger retagger)) {
            throw new UnsupportedOperationException(kind() + " takes no tags");
        }
        retagger.retag(context, observed, changes);
    }

    /**
     * Whether {@link #update} gives the resource a new id (an ECS task definition's new revision), so
     * that the resources referring to it are changed too. For plans.
     */
    default boolean updateMakesNewId() {
        return false;
    }

    /**
     * What is left of the resource to delete, for teardown: by default what {@link #observe} finds.
     * A kind whose deletion takes several calls overrides it when a half-deleted resource is no longer
     * usable and so invisible to {@code observe} (an ECS task definition deregistered, not yet deleted):
     * teardown must not take it for gone.
     */
    default Optional<Observation> remains(ResourceContext context, D desired) {
        return observe(context, desired);
    }

    /**
     * What deleting the resource leaves behind on purpose (a final snapshot), named in the teardown
     * events; empty by default.
     */
    default Optional<String> leavesBehind(ResourceContext context, D desired) {
        return Optional.empty();
    }

    /**
     * Tags the resource {@code observed} as kept on purpose by teardown ({@link Tags#RETAINED}), once, in
     * place of deleting it. Only the kinds a retained database stands on implement it.
     */
    default void markRetained(ResourceContext context, D desired, Observation observed) {
        throw new UnsupportedOperationException(kind() + " cannot be retained");
    }

    /**
     * What must go before {@link #delete} can succeed, looked at before each delete call: a subnet's
     * network interfaces, an address a NAT gateway still holds. Teardown does not call {@code delete}
     * while there is a blocker; it waits (the resource's {@code waitingFor} names the blocker) and, past
     * the kind's delete deadline, fails naming it and its fix. Empty by default.
     */
    default Optional<DeleteBlocker> deleteBlockedBy(ResourceContext context, D desired, Observation observed) {
        return Optional.empty();
    }

    /**
     * Takes the next step towards deleting the resource {@code observed}. Called again on every pass
     * until {@link #remains} finds nothing, so it must be safe to repeat, including while AWS is
     * already deleting it. A "not found" answer counts as done.
     *
     * <p>{@code desired} is null when an orphan is deleted ({@code POST /orphans/delete}): there is no
     * spec then, and a kind whose deletion depends on one takes the safe choice (a database keeps a
     * final snapshot).
     */
    void delete(ResourceContext context, D desired, Observation observed);
}
