package dev.plinth.aws.preflight;

import java.util.Optional;

/**
 * One quota in one place (a Region, or a zone for a per-zone quota): its value, what the account
 * uses of it now, and what the new environment would add.
 *
 * @param where    the Region or Availability Zone
 * @param limit    the quota's value there (Service Quotas' applied value, else its default)
 * @param used     what exists there now
 * @param needed   what the environment would create there
 * @param resource the spec's resource that would cross it
 */
record QuotaUse(AccountQuota quota, String where, double limit, int used, int needed, String resource) {

    /** Whether creating what is needed would go over the quota. */
    boolean crossed() {
        return used + needed > limit;
    }

    /** What the quota would have to be for the environment to fit. */
    int wanted() {
        return used + needed;
    }

    /** The finding, when the quota would be crossed. */
    Optional<Finding> finding() {
        if (!crossed()) {
            return Optional.empty();
        }
        return Optional.of(new Finding(
                Finding.Type.QUOTA,
                resource,
                "%d of %s %s used in %s; this environment needs %d more"
                        .formatted(used, count(limit), quota.title, where, needed),
                "request a quota increase for %s (service %s) in %s to %d or more, or %s"
                        .formatted(quota.code, quota.serviceCode, region(), wanted(), quota.freeOne)));
    }

    /** The Region of a zone ({@code eu-central-1a}), where Service Quotas takes requests. */
    private String region() {
        return quota.perZone ? where.substring(0, where.length() - 1) : where;
    }

    private static String count(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
