package dev.plinth.testing.behaviour;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rule AWS keeps for one kind of name: its length and its characters, and the error it answers for
 * a name that breaks them. {@link NameRules} has one per kind of name plinth gives; the front refuses
 * a call that breaks one ({@link NamingRules}), and plinth's tests check every name it derives with the
 * same rules.
 *
 * @param message the error's message, with {@code %s} for the name
 */
public record NameRule(String kind, int minLength, int maxLength, Pattern pattern, String code, String message) {

    NameRule(String kind, int minLength, int maxLength, String pattern, String code, String message) {
        this(kind, minLength, maxLength, Pattern.compile(pattern), code, message);
    }

    /** Whether AWS takes {@code name}. */
    public boolean allows(String name) {
        return name.length() >= minLength
                && name.length() <= maxLength
                && pattern.matcher(name).matches();
    }

    /** The error AWS answers for {@code name}, when it breaks the rule. */
    Optional<AwsError> check(String name) {
        return allows(name) ? Optional.empty() : Optional.of(AwsError.client(code, message.formatted(name)));
    }
}
