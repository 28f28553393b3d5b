package dev.plinth.aws.orphans;

import dev.plinth.spec.Violation;
import java.util.List;

/** Some ARNs of a delete request are not orphans now (a live environment's, gone, or never plinth's); nothing was deleted. */
public class NotAnOrphanException extends RuntimeException {

    private final List<Violation> violations;

    NotAnOrphanException(List<Violation> violations) {
        super(violations.size() + " of the ARNs are not orphans in this region now; nothing was deleted");
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
