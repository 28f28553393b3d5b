package dev.plinth.aws;

import dev.plinth.engine.ResourceContext;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Finding a resource again: by the id recorded for it, else another way when a crash lost the id. */
public final class Lookup {

    private Lookup() {}

    /**
     * The first resource the recorded id describes, else what {@code otherwise} finds (by tags, name,
     * token or what the resource is attached to).
     *
     * @param byId describes the one id; may throw a "not found" error, which counts as nothing
     */
    public static <T> Optional<T> byIdElse(
            ResourceContext context, Function<String, List<T>> byId, Supplier<Optional<T>> otherwise) {
        return byIdElse(context, byId, found -> true, otherwise);
    }

    /** As {@link #byIdElse(ResourceContext, Function, Supplier)}, counting only what {@code counts} (not a deleted one). */
    public static <T> Optional<T> byIdElse(
            ResourceContext context,
            Function<String, List<T>> byId,
            Predicate<? super T> counts,
            Supplier<Optional<T>> otherwise) {
        if (context.physicalId() != null) {
            Optional<T> found = Describe.orNone(() -> byId.apply(context.physicalId())).stream()
                    .filter(counts)
                    .findFirst();
            if (found.isPresent()) {
                return found;
            }
        }
        return otherwise.get();
    }
}
