package dev.plinth.aws;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Describe calls whose "not found" answer means "nothing there", not an error. */
public final class Describe {

    private Describe() {}

    /** What {@code describe} lists, or nothing when AWS answers that what it names does not exist. */
    public static <T> List<T> orNone(Supplier<List<T>> describe) {
        try {
            return describe.get();
        } catch (RuntimeException e) {
            if (AwsErrors.isNotFound(e)) {
                return List.of();
            }
            throw e;
        }
    }

    /** What {@code describe} finds, or empty when AWS answers that what it names does not exist. */
    public static <T> Optional<T> optional(Supplier<Optional<T>> describe) {
        try {
            return describe.get();
        } catch (RuntimeException e) {
            if (AwsErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
