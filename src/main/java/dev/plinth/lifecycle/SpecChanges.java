package dev.plinth.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/** The fields two specs differ in, as dotted paths ({@code service.desiredCount}), for events and checks. */
final class SpecChanges {

    private SpecChanges() {}

    static List<String> paths(JsonNode before, JsonNode after) {
        List<String> paths = new ArrayList<>();
        collect("", before, after, paths);
        return paths;
    }

    private static void collect(String path, JsonNode before, JsonNode after, List<String> paths) {
        if (before.isObject() && after.isObject()) {
            Set<String> names = new TreeSet<>(before.propertyNames());
            names.addAll(after.propertyNames());
            for (String name : names) {
                collect(path.isEmpty() ? name : path + "." + name, before.path(name), after.path(name), paths);
            }
        } else if (!before.equals(after)) {
            paths.add(path);
        }
    }
}
