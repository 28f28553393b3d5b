package dev.plinth.aws.database;

import java.util.Locale;

/**
 * RDS names (DB instance identifiers, proxy names, subnet group names): lower-case letters, digits
 * and hyphens, starting with a letter, at most 63 characters, no two hyphens in a row and none at the end.
 */
final class RdsNames {

    static final int MAX_LENGTH = 63;

    private RdsNames() {}

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
