package dev.plinth.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * When a node may start: what it depends on is READY, or, for a dependency it needs only for an
 * attribute, made by AWS and publishing that attribute (a proxy and its instance's secret ARN).
 */
class ResourceNodeTest {

    private static final ResourceKey INSTANCE = ResourceKey.of("database", "instance");
    private static final ResourceKey ROLE = ResourceKey.of("database", "proxy-role");
    private static final ResourceDesired NOTHING = new ResourceDesired() {};
    private static final ResourceNode PROXY = new ResourceNode(
            ResourceKey.of("database", "proxy"),
            Layer.DATA,
            NOTHING,
            Set.of(INSTANCE, ROLE),
            Map.of(INSTANCE, "secretArn"));

    private static ResourceRecord record(
            ResourceKey key, ResourceState state, @Nullable String id, Map<String, String> attributes) {
        Instant now = Instant.parse("2026-12-08T10:00:00Z");
        return new ResourceRecord(
                "env-1", key, "AWS::RDS::DBInstance", state, id, 0, null, null, attributes, null, now, now, null);
    }

    @ParameterizedTest(name = "instance {0}, id {1}, secret published {2}: {3}")
    @CsvSource(textBlock = """
            READY,    db-1, true,  true
            READY,    db-1, false, true
            WAITING,  db-1, true,  true
            CHECKING, db-1, true,  true
            WAITING,  db-1, false, false
            CREATING,     , true,  false
            FAILED,   db-1, true,  false
            DELETING, db-1, true,  false
            """)
    void aDependencyNeededForAnAttributeLetsItStartOnceMadeAndPublishingIt(
            ResourceState state, @Nullable String id, boolean published, boolean starts) {
        var records = Map.of(
                INSTANCE,
                record(INSTANCE, state, id, published ? Map.of("secretArn", "arn:secret") : Map.of()),
                ROLE,
                record(ROLE, ResourceState.READY, "role", Map.of()));

        assertThat(PROXY.canStart(records)).isEqualTo(starts);
    }

    @ParameterizedTest(name = "role {0}: {1}")
    @CsvSource(textBlock = """
            READY,   true
            WAITING, false
            """)
    void anyOtherDependencyMustBeReadyAttributesOrNot(ResourceState state, boolean starts) {
        var records = Map.of(
                INSTANCE,
                record(INSTANCE, ResourceState.READY, "db-1", Map.of()),
                ROLE,
                record(ROLE, state, "role", Map.of("secretArn", "arn:secret")));

        assertThat(PROXY.canStart(records)).isEqualTo(starts);
        assertThat(PROXY.canStart(Map.of(ROLE, records.get(ROLE))))
                .as("an instance not recorded")
                .isFalse();
    }

    @org.junit.jupiter.api.Test
    void anAttributeOfWhatItDoesNotDependOnIsRefused() {
        assertThatThrownBy(() -> new ResourceNode(INSTANCE, Layer.DATA, NOTHING, Set.of(), Map.of(ROLE, "arn")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
