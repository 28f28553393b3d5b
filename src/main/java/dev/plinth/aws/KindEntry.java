package dev.plinth.aws;

import dev.plinth.engine.Layer;
import dev.plinth.engine.ResourceKind;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What plinth knows of one kind of resource beside its handler and the graph ({@link ResourceKinds}).
 *
 * @param kind             the kind its handler makes
 * @param layer            the layer teardown deletes it with; a kind made in more than one layer is under
 *                         the one that keeps teardown order: an IAM role policy (which names the table,
 *                         file system or secret it grants) in the app's, before what it names; an IAM role
 *                         (used by the app's tasks and the database proxy) in the data layer, after both
 * @param creates          what plinth's identity must be allowed to create one, as preflight simulates it
 * @param orphan           how an orphan of the kind is found and deleted; null for a kind plinth does not
 *                         look for as an orphan (it has no tags of its own, or goes with the resource it
 *                         belongs to)
 * @param readinessTimeout how long one may take to become ready; null for the engine's default
 * @param deleteTimeout    how long its delete may wait for what still uses it; null for the engine's
 *                         default
 */
public record KindEntry(
        ResourceKind kind,
        Layer layer,
        List<CreateNeed> creates,
        @Nullable OrphanForm orphan,
        @Nullable Duration readinessTimeout,
        @Nullable Duration deleteTimeout) {

    public KindEntry {
        creates = List.copyOf(creates);
    }

    /** This entry, with its kind found as an orphan. */
    KindEntry foundAs(OrphanForm form) {
        return new KindEntry(kind, layer, creates, form, readinessTimeout, deleteTimeout);
    }

    /** This entry, with its own readiness timeout. */
    KindEntry readyWithin(Duration timeout) {
        return new KindEntry(kind, layer, creates, orphan, timeout, deleteTimeout);
    }

    /** This entry, with its own delete timeout. */
    KindEntry deletedWithin(Duration timeout) {
        return new KindEntry(kind, layer, creates, orphan, readinessTimeout, timeout);
    }

    public Optional<OrphanForm> orphanForm() {
        return Optional.ofNullable(orphan);
    }
}
