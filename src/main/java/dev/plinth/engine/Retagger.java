package dev.plinth.engine;

/**
 * A handler whose kind takes tags: the spec's tags change on an existing resource in place, with its
 * service's tag calls. Handlers of kinds without tags do not implement it, and report no tag differences.
 */
public interface Retagger {

    /** Sets and removes tags of the resource {@code observed} as {@code changes} says. */
    void retag(ResourceContext context, Observation observed, TagChanges changes);
}
