package dev.plinth.engine;

import java.time.Duration;

/** Whether an existing resource can be used yet, as its handler reads it from AWS. */
public sealed interface Readiness {

    /** Usable: dependents may be created. */
    record Ready() implements Readiness {}

    /** Not yet usable; look again after {@code checkAgainIn}. {@code detail} is the AWS state, for events. */
    record Pending(String detail, Duration checkAgainIn) implements Readiness {}

    /** Will never become usable, for the reason AWS gave. */
    record Failed(String reason) implements Readiness {}

    Readiness READY = new Ready();

    static Readiness pending(String detail, Duration checkAgainIn) {
        return new Pending(detail, checkAgainIn);
    }

    static Readiness failed(String reason) {
        return new Failed(reason);
    }
}
