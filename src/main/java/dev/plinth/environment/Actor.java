package dev.plinth.environment;

import org.jspecify.annotations.Nullable;

/**
 * Who asked for a change, as the environment's timeline names them.
 *
 * @param name the caller's name: a JWT's subject, or an API token's name
 * @param team the team the caller acts for; null for an admin of every team. An environment belongs to the
 *             team of the actor who created it.
 */
public record Actor(String name, @Nullable String team) {}
