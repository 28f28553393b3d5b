package dev.plinth.aws.database;

import dev.plinth.engine.ResourceContext;
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
        return instanceIdentifier.toLowerCase(Locale.ROOT) + "-final-" + idPrefix(environmentId);
    }

    /** The first 8 letters and digits of an environment id, lower case. */
    private static String idPrefix(String environmentId) {
        String id = environmentId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return id.substring(0, Math.min(8, id.length()));
    }

    /**
     * The RDS name of the context's resource (DB instance, subnet group, proxy): its {@code Name} made
     * valid. When that changes it (an environment named {@code shop--a} gives {@code shop-a-…}, as
     * {@code shop-a} does), the first 8 characters of the environment id follow, so that two live
     * environments never share a name: RDS names are unique per account and region.
     */
    static String of(ResourceContext context) {
        String name = context.name();
        String valid = of(name);
        if (valid.equals(name)) {
            return valid;
        }
        String suffix = "-" + idPrefix(context.environmentId());
        String head = valid.length() > MAX_LENGTH - suffix.length()
                ? valid.substring(0, MAX_LENGTH - suffix.length())
                : valid;
        return head.replaceAll("-+$", "") + suffix;
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
