package dev.plinth.aws;

import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.Tags;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How one AWS service's SDK spells a tag ({@code ec2.model.Tag}, {@code rds.model.Tag}, …): the
 * conversions between its tags and a map, which every service family otherwise writes out again.
 *
 * @param <T> the service's tag type
 */
public record ServiceTags<T>(BiFunction<String, String, T> tag, Function<T, String> key, Function<T, String> value) {

    /** The tags, in the map's order, as the service takes them. */
    public List<T> list(Map<String, String> tags) {
        return tags.entrySet().stream()
                .map(t -> tag.apply(t.getKey(), t.getValue()))
                .toList();
    }

    /** The context's tags, to pass to a create call, so the resource is never untagged. */
    public List<T> of(ResourceContext context) {
        return list(context.tags());
    }

    /** The tags as a map; of a key given twice, the last value. */
    public Map<String, String> map(List<T> tags) {
        return tags.stream().collect(Collectors.toMap(key, value, (first, last) -> last));
    }

    /** Whether the tags mark the resource as this environment's resource of this key. */
    public boolean owns(ResourceContext context, List<T> tags) {
        return context.owns(map(tags));
    }

    /** The tags that mark a resource kept by teardown: {@link Tags#RETAINED}, with plinth's own tag again (the IAM policy asks for it). */
    public List<T> retained() {
        return List.of(
                tag.apply(Tags.RETAINED, Tags.RETAINED_VALUE), tag.apply(Tags.MANAGED_BY, Tags.MANAGED_BY_VALUE));
    }
}
