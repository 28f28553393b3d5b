package dev.plinth.aws.database;

import java.util.Locale;

/**
 * RDS names (DB instance identifiers, proxy names, subnet group names): lower-case letters, digits
 * and hyphens, starting with a letter, at most 63 characters, no two hyphens in a row and none at the end.
 */
final class RdsNames {

    static final int MAX_LENGTH = 63;

    private RdsNames() {}

    /**
     * The final snapshot of a DB instance: its identifier, {@code -final-}, and the first 8 characters
     * of the environment id. Unique per environment (a later environment of the same name takes another),
     * and valid as a snapshot identifier: the instance identifier is valid and at most 63 characters,
     * and a UUID's first 8 characters are hexadecimal digits.
     */
    static String finalSnapshot(String instanceIdentifier, String environmentId) {
        String suffix = environmentId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return instanceIdentifier.toLowerCase(Locale.ROOT) + "-final-" + suffix.substring(0, Math.min(8, suffix.length()));
    }

    /** {@code name} made valid: other characters become hyphens, runs of hyphens one, and it is cut to length. */
    static String of(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("-{2,}", "-");
        if (s.isEmpty() || !Character.isLetter(s.charAt(0))) {
            s = "db-" + s;
        }
        if (s.length() > MAX_LENGTH) {
            s = s.substring(0, MAX_LENGTH);
        }
        return s.replaceAll("-+$", "");
    }
}
