package dev.plinth.engine;

import java.util.LinkedHashMap;
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

    private Tags() {}

    /** The client's tags first, then plinth's own, which win. */
    static Map<String, String> forResource(Map<String, String> userTags, String environmentId, String name, ResourceKey key) {
        var tags = new LinkedHashMap<String, String>(userTags);
        tags.put(NAME, name);
        tags.put(ENVIRONMENT_ID, environmentId);
        tags.put(MANAGED_BY, MANAGED_BY_VALUE);
        tags.put(RESOURCE_KEY, key.value());
        return tags;
    }
}
