package dev.plinth.engine;

import java.time.Instant;

/** What one pass over an environment ends with. */
sealed interface Pass {

    /** Something changed: look at the environment again now. */
    record Continue() implements Pass {}

    /** Nothing to do before {@code at}. */
    record WaitUntil(Instant at) implements Pass {}

    /** Nothing more to do until something changes the environment. */
    record Finished() implements Pass {}

    Pass CONTINUE = new Continue();
    Pass FINISHED = new Finished();
}
