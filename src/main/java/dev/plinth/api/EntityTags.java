package dev.plinth.api;

import java.util.Arrays;

/** {@code If-None-Match} as RFC 9110 (section 13.1.2) reads it: weak comparison, a list, or {@code *}. */
final class EntityTags {

    private EntityTags() {}

    /** Whether the header names {@code current}: {@code *}, or one of its tags with W/ set aside. */
    static boolean anyMatches(String ifNoneMatch, String current) {
        String bare = weakless(current);
        return ifNoneMatch.strip().equals("*")
                || Arrays.stream(ifNoneMatch.split(","))
                        .map(EntityTags::weakless)
                        .anyMatch(bare::equals);
    }

    private static String weakless(String tag) {
        String t = tag.strip();
        return t.startsWith("W/") ? t.substring(2) : t;
    }
}
