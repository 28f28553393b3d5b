package dev.plinth.aws.database;

import dev.plinth.aws.AwsErrors;
import java.util.Optional;
import java.util.function.Supplier;

/** Describe calls that answer "not found" for what they name. */
final class Lookup {

    private Lookup() {}

    /** What {@code describe} returns, or empty when AWS answers that what it names does not exist. */
    static <T> Optional<T> orNone(Supplier<Optional<T>> describe) {
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
