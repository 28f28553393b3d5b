package dev.plinth.engine;

import dev.plinth.environment.Failure;
import org.jspecify.annotations.Nullable;

/**
 * What one resource's step did: whether it changed anything (the pass goes on at once), and the
 * failure that stops the environment, if any.
 */
record StepResult(boolean changed, @Nullable Failure failure) {

    static final StepResult CHANGED = new StepResult(true, null);
    static final StepResult UNCHANGED = new StepResult(false, null);

    static StepResult failed(Failure failure) {
        return new StepResult(true, failure);
    }
}
