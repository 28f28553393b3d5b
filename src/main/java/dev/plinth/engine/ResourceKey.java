package dev.plinth.engine;

import java.util.regex.Pattern;

/**
 * The logical name of one resource within its environment, stable for the environment's life:
 * {@code vpc}, {@code subnet/public/eu-central-1a}. It is tagged on the resource, so a resource whose
 * AWS id was lost can be found again.
 */
public record ResourceKey(String value) implements Comparable<ResourceKey> {

    private static final Pattern SYNTAX = Pattern.compile("[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*");

    public ResourceKey {
        if (value == null || !SYNTAX.matcher(value).matches()) {
            throw new IllegalArgumentException("not a resource key: " + value);
        }
    }

    /** Joins parts with {@code /}: {@code of("subnet", "public", "eu-central-1a")}. */
    public static ResourceKey of(String... parts) {
        return new ResourceKey(String.join("/", parts));
    }

    @Override
    public int compareTo(ResourceKey other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
