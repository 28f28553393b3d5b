package dev.plinth.engine;

/**
 * The desired attributes of one resource, as a record per resource kind. The record's class selects
 * the {@link ResourceHandler} that makes it.
 */
public interface ResourceDesired {}
