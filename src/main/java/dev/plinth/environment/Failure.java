package dev.plinth.environment;

/**
 * Why an environment stopped.
 *
 * @param step    the resource key of the step that failed, for example {@code nat-gateway/eu-central-1a}
 * @param code    the AWS error code, or a plinth code when AWS did not answer with one
 * @param message the AWS message (or the readiness reason), as AWS gave it
 */
public record Failure(String step, String code, String message) {}
