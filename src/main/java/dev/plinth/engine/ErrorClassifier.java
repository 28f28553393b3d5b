package dev.plinth.engine;

/** Turns whatever a handler threw into a {@link StepError}; the one place that decides what is retried. */
public interface ErrorClassifier {

    StepError classify(Throwable error);
}
