package dev.plinth.environment;

/** Asks the engine to work on an environment now. Joins the caller's transaction when there is one. */
public interface ReconcileTrigger {

    void reconcileNow(String environmentId);
}
