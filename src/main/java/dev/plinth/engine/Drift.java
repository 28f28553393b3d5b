package dev.plinth.engine;

/**
 * One way a resource no longer is what the spec says, as a check found it.
 *
 * @param resource  the resource's key in the graph
 * @param attribute the setting that differs; {@link #EXISTS} when the resource is gone
 */
public record Drift(String resource, String kind, String attribute, String expected, String actual) {

    /** The attribute of a drift that is a missing resource. */
    public static final String EXISTS = "exists";

    static Drift missing(ResourceKey key, ResourceKind kind) {
        return new Drift(key.value(), kind.name(), EXISTS, "true", "false");
    }

    static Drift of(ResourceKey key, ResourceKind kind, Difference difference) {
        return new Drift(key.value(), kind.name(), difference.attribute(), difference.expected(), difference.actual());
    }

    /**
     * The attribute as a metric tag: {@code tags} for every {@code tags.<key>}, whose keys clients
     * choose, so that a series is never made per tag key.
     */
    String metricAttribute() {
        return attribute.startsWith(Tags.ATTRIBUTE_PREFIX) ? "tags" : attribute;
    }

    @Override
    public String toString() {
        return resource + " " + attribute + " " + actual + " -> " + expected;
    }
}
