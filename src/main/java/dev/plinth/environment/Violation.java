package dev.plinth.environment;

/**
 * One broken rule of a request.
 *
 * @param field   the JSON path of the offending field, for example {@code network.cidr}
 * @param rule    a stable rule name clients can match on, for example {@code private-range}
 * @param message what is wrong, for a person
 */
public record Violation(String field, String rule, String message) {}
