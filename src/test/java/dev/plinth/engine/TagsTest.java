package dev.plinth.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TagsTest {

    private final ResourceContext context = ResourceContext.of(
            "env-1",
            "shop",
            "eu-central-1",
            new ResourceKey("network/vpc"),
            "vpc-1",
            Map.of(),
            Map.of("team", "payments", "cost-center", "42"));

    /** What AWS has: the context's tags with one changed, one removed and one added, plus AWS's and plinth's own. */
    private static Map<String, String> drifted(ResourceContext context) {
        var tags = new LinkedHashMap<>(context.tags());
        tags.put("team", "checkout");
        tags.remove("cost-center");
        tags.put("owner", "someone");
        tags.put("aws:cloudformation:stack-name", "x");
        tags.put(Tags.RETAINED, Tags.RETAINED_VALUE);
        tags.put("plinth:desired-count", "3");
        return tags;
    }

    @Test
    void namesEachKeyToChangeAddOrRemoveAndLeavesAwsAndPlinthKeysAlone() {
        assertThat(context.tagDifferences(drifted(context)))
                .containsExactlyInAnyOrder(
                        new Difference("tags.team", "payments", "checkout"),
                        new Difference("tags.cost-center", "42", Tags.ABSENT),
                        new Difference("tags.owner", Tags.ABSENT, "someone"));
    }

    @Test
    void aChangedNameTagIsADifferenceButPlinthsOwnKeysAreNot() {
        var tags = new LinkedHashMap<>(context.tags());
        tags.put(Tags.NAME, "renamed");
        tags.put(Tags.ENVIRONMENT_ID, "someone-else");
        tags.remove(Tags.RESOURCE_KEY);

        assertThat(context.tagDifferences(tags))
                .containsExactly(new Difference("tags.Name", "shop-network-vpc", "renamed"));
    }

    @Test
    void theSameTagsAreNoDifference() {
        assertThat(context.tagDifferences(context.tags())).isEmpty();
    }

    @Test
    void readsTheCallsFromTheDifferencesAndSkipsTheOthers() {
        var differences = new ArrayList<>(context.tagDifferences(drifted(context)));
        differences.add(new Difference("enableDnsSupport", "true", "false"));

        TagChanges changes = TagChanges.in(differences);

        assertThat(changes.set()).containsExactlyInAnyOrderEntriesOf(Map.of("team", "payments", "cost-center", "42"));
        assertThat(changes.remove()).containsExactly("owner");
        assertThat(TagChanges.in(List.of(new Difference("enableDnsSupport", "true", "false")))
                        .isEmpty())
                .isTrue();
    }

    @Test
    void aKindWithoutUpdatesOfItsOwnRetagsOnlyAndRefusesAnyOtherChange() {
        var retagged = new ArrayList<TagChanges>();
        ResourceHandler<Desired> handler = new TaggedOnly(retagged);
        var tagsOnly = new Observation("vpc-1", Readiness.READY, context.tagDifferences(drifted(context)));

        handler.update(context, new Desired(), tagsOnly);

        assertThat(retagged).containsExactly(TagChanges.in(tagsOnly.differences()));
        var more = new Observation(
                "vpc-1",
                Readiness.READY,
                List.of(new Difference("tags.team", "payments", "checkout"), new Difference("cidr", "a", "b")));
        assertThatThrownBy(() -> handler.update(context, new Desired(), more))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("cidr");
    }

    private record Desired() implements ResourceDesired {}

    private record TaggedOnly(List<TagChanges> retagged) implements ResourceHandler<Desired>, Retagger {

        @Override
        public Class<Desired> desiredType() {
            return Desired.class;
        }

        @Override
        public ResourceKind kind() {
            return ResourceKind.of("Test::Tagged");
        }

        @Override
        public Optional<Observation> observe(ResourceContext context, Desired desired) {
            return Optional.empty();
        }

        @Override
        public String create(ResourceContext context, Desired desired) {
            return "id";
        }

        @Override
        public void retag(ResourceContext context, Observation observed, TagChanges changes) {
            retagged.add(changes);
        }

        @Override
        public void delete(ResourceContext context, Desired desired, Observation observed) {}
    }
}
