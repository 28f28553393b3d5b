package dev.plinth.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tags plinth puts on every resource, so that anything it ever made can be found and attributed. */
public final class Tags {

    public static final String ENVIRONMENT_ID = "plinth:environment-id";
    public static final String MANAGED_BY = "plinth:managed-by";
    public static final String MANAGED_BY_VALUE = "plinth";
    public static final String RESOURCE_KEY = "plinth:resource-key";
    public static final String NAME = "Name";
    /** On what teardown kept on purpose ({@code database.onDelete} {@code retain}); orphan listings leave these out. */
    public static final String RETAINED = "plinth:retained";

    public static final String RETAINED_VALUE = "true";

    /** The attribute a tag's difference is reported as: {@code tags.<key>}. */
    public static final String ATTRIBUTE_PREFIX = "tags.";
    /**
     * The expected or actual value of a tag a resource should not have, or does not have; never a value
     * a spec may set (no parentheses) nor one of plinth's own.
     */
    public static final String ABSENT = "(none)";

    private Tags() {}

    /**
     * How the tags a resource has differ from the ones it should have, one {@code tags.<key>} difference
     * per key to set or to remove: the spec's tags and {@link #NAME}. AWS's own keys ({@code aws:*}) and
     * plinth's ({@code plinth:*}) are left alone: plinth's are set at create (and {@link #RETAINED} by
     * teardown), and the IAM policy lets plinth neither set nor remove them on an existing resource
     * otherwise, so that nothing but plinth's own steps can make a resource look like another's.
     */
    public static List<Difference> differences(Map<String, String> desired, Map<String, String> actual) {
        List<Difference> differences = new ArrayList<>();
        desired.forEach((key, value) -> {
            String has = actual.get(key);
            if (!value.equals(has) && !leftAlone(key)) {
                differences.add(new Difference(ATTRIBUTE_PREFIX + key, value, has == null ? ABSENT : has));
            }
        });
        actual.forEach((key, has) -> {
            if (!desired.containsKey(key) && !leftAlone(key)) {
                differences.add(new Difference(ATTRIBUTE_PREFIX + key, ABSENT, has));
            }
        });
        return differences;
    }

    private static boolean leftAlone(String key) {
        return isAwsKey(key) || key.regionMatches(true, 0, "plinth:", 0, 7);
    }

    /** Whether AWS set the tag ({@code aws:*}): a client can neither write nor remove it. */
    public static boolean isAwsKey(String key) {
        return key.regionMatches(true, 0, "aws:", 0, 4);
    }

    /** The client's tags first, then plinth's own, which win. */
    static Map<String, String> forResource(
            Map<String, String> userTags, String environmentId, String name, ResourceKey key) {
        var tags = new LinkedHashMap<String, String>(userTags);
        tags.put(NAME, name);
        tags.put(ENVIRONMENT_ID, environmentId);
        tags.put(MANAGED_BY, MANAGED_BY_VALUE);
        tags.put(RESOURCE_KEY, key.value());
        return tags;
    }
}
