package dev.plinth.presets;

import tools.jackson.databind.JsonNode;

/**
 * A reference stack as a named spec a client can start from and override.
 *
 * @param reference the hand-written stack it reproduces
 * @param spec      a partial spec (no name or region) that the request is merged over
 */
public record Preset(String name, String title, String description, String reference, JsonNode spec) {}
