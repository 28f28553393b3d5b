package dev.plinth.testing.behaviour;

import java.util.Optional;

/**
 * One thing AWS does that the emulator does not, for example "a role just created is not yet usable
 * by RDS". Each implementation names its source (the API reference page, the knowledge-centre article
 * or the terraform-provider-aws retry that handles it) in its comment. It may refuse a call before it
 * reaches the emulator, rewrite the emulator's answer, and keep a little state of its own; the front
 * calls it from many threads at once.
 */
public interface Behaviour {

    /** A short name to switch it by, such as {@code iam-role-propagation}. */
    String name();

    /** Before the call reaches the emulator: the error AWS would answer instead, or empty to forward it. */
    default Optional<AwsError> before(AwsCall call) {
        return Optional.empty();
    }

    /** After the emulator answered: the answer as AWS would give it. */
    default AwsAnswer after(AwsCall call, AwsAnswer answer) {
        return answer;
    }

    /** Forgets what it remembered, when the emulator is reset between tests. */
    default void reset() {}
}
