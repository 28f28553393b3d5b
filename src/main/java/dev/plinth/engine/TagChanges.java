package dev.plinth.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The tag calls that make a resource carry the tags it should: the keys to set (to add or to change,
 * with their values) and the keys to remove. Read from the {@code tags.<key>} differences observe
 * reported ({@link ResourceContext#tagDifferences}), so an update needs no second look.
 */
public record TagChanges(Map<String, String> set, List<String> remove) {

    public TagChanges {
        set = Collections.unmodifiableMap(new LinkedHashMap<>(set));
        remove = List.copyOf(remove);
    }

    /** The tag changes among {@code differences}; the others are not tags. */
    public static TagChanges in(List<Difference> differences) {
        var set = new LinkedHashMap<String, String>();
        var remove = new ArrayList<String>();
        for (Difference d : differences) {
            if (isTag(d)) {
                String key = d.attribute().substring(Tags.ATTRIBUTE_PREFIX.length());
                if (d.expected().equals(Tags.ABSENT)) {
                    remove.add(key);
                } else {
                    set.put(key, d.expected());
                }
            }
        }
        return new TagChanges(set, remove);
    }

    /** Whether the difference is one of a tag. */
    public static boolean isTag(Difference difference) {
        return difference.attribute().startsWith(Tags.ATTRIBUTE_PREFIX);
    }

    /**
     * Makes the changes with a service's two tag calls, each only when it has something to do, the
     * removals first: a resource never holds more than the 50 tags AWS allows on the way.
     */
    public void apply(Consumer<List<String>> untag, Consumer<Map<String, String>> tag) {
        if (!remove.isEmpty()) {
            untag.accept(remove);
        }
        if (!set.isEmpty()) {
            tag.accept(set);
        }
    }

    public boolean isEmpty() {
        return set.isEmpty() && remove.isEmpty();
    }
}
