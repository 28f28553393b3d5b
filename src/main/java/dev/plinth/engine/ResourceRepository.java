package dev.plinth.engine;

import dev.plinth.support.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The engine's resource records. Each method is one statement. The writes are for {@link ResourceJournal}
 * only; a change of state happens only from a state {@link ResourceState#legalSources()} allows, and
 * answers how many rows it moved.
 */
@Repository
public class ResourceRepository {

    private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {};
    /** A step done: failures, the next look and what was waited for start over. */
    private static final String STARTED_OVER =
            "attempts = 0, last_error = null, next_attempt_at = null, waiting_for = null";

    /** A change the environment's view shows: the next number of the one sequence (V12__resource_revision.sql). */
    private static final String REVISED = "revision = nextval('resource_revision')";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public ResourceRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Map<ResourceKey, ResourceRecord> byKey(String environmentId) {
        var out = new LinkedHashMap<ResourceKey, ResourceRecord>();
        jdbc.sql("select * from resource where environment_id = ? order by resource_key")
                .param(environmentId)
                .query(this::map)
                .list()
                .forEach(r -> out.put(r.key(), r));
        return out;
    }

    /** Where the resource is now; empty when it has no row (it is PLANNED). */
    Optional<ResourceState> stateOf(String environmentId, ResourceKey key) {
        return jdbc.sql("select state from resource where environment_id = ? and resource_key = ?")
                .params(environmentId, key.value())
                .query((rs, row) -> ResourceState.valueOf(rs.getString("state")))
                .optional();
    }

    /** Records the intent to create, before the create call. */
    void insertCreating(String environmentId, ResourceKey key, String kind, Instant now) {
        jdbc.sql("insert into resource (environment_id, resource_key, kind, state, attempts, created_at, updated_at, "
                        + "revision) values (?, ?, ?, ?, 0, ?, ?, nextval('resource_revision'))")
                .params(
                        environmentId,
                        key.value(),
                        kind,
                        ResourceState.CREATING.name(),
                        SqlTime.param(now),
                        SqlTime.param(now))
                .update();
    }

    /**
     * Back to intent: no earlier attempt left anything behind, or the recorded resource is gone. One
     * created again is intended from now; another attempt keeps the first intent.
     */
    int markCreating(String environmentId, ResourceKey key, Instant now) {
        // keeps attempts: a create that keeps failing must still run out of tries
        return move(
                environmentId,
                key,
                ResourceState.CREATING,
                now,
                // what a resource made anew publishes is its own: nothing yet
                "physical_id = null, attributes = null, next_attempt_at = null, waiting_for = null, "
                        + "created_at = case when physical_id is null then created_at else :now end",
                Map.of());
    }

    /** Records the AWS id the moment it is known. */
    int markExists(String environmentId, ResourceKey key, String physicalId, Instant now) {
        return move(
                environmentId,
                key,
                ResourceState.WAITING,
                now,
                "physical_id = :id, waiting_since = :now, " + STARTED_OVER,
                Map.of("id", physicalId));
    }

    /** The id an update gave the resource (a new revision), recorded without changing its state. */
    void recordNewId(String environmentId, ResourceKey key, String physicalId) {
        jdbc.sql("update resource set physical_id = ?, " + REVISED + " where environment_id = ? and resource_key = ?")
                .params(physicalId, environmentId, key.value())
                .update();
    }

    /** An update call is about to be made; it is waited for from now. */
    int markUpdating(String environmentId, ResourceKey key, Instant now) {
        return move(
                environmentId,
                key,
                ResourceState.UPDATING,
                now,
                "attempts = 0, last_error = null, next_attempt_at = null, waiting_since = :now",
                Map.of());
    }

    /** Ready, with what it publishes for its dependents and the outputs. */
    int markReady(String environmentId, ResourceKey key, Map<String, String> attributes, Instant now) {
        return move(
                environmentId,
                key,
                ResourceState.READY,
                now,
                "attributes = :attributes, " + STARTED_OVER,
                Map.of("attributes", json.writeValueAsString(attributes)));
    }

    /** What an existing resource publishes, saved as soon as it is seen (before it is ready, too). */
    void recordAttributes(String environmentId, ResourceKey key, Map<String, String> attributes) {
        jdbc.sql("update resource set attributes = ?, " + REVISED + " where environment_id = ? and resource_key = ?")
                .params(json.writeValueAsString(attributes), environmentId, key.value())
                .update();
    }

    /**
     * Back to where creation stopped, for a retry: a failed resource with an id waits again (its
     * readiness timeout starts over), one without is to be created again.
     */
    int reopenFailed(String environmentId, Instant now) {
        return jdbc.sql(
                        "update resource set state = case when physical_id is null then ? else ? end, attempts = 0, "
                                + REVISED + ", "
                                + "next_attempt_at = null, waiting_since = ?, updated_at = ? where environment_id = ? and state = ?")
                .params(
                        ResourceState.CREATING.name(),
                        ResourceState.WAITING.name(),
                        SqlTime.param(now),
                        SqlTime.param(now),
                        environmentId,
                        ResourceState.FAILED.name())
                .update();
    }

    /** Every READY resource is looked at again now: after a spec change, each compares itself with the new spec. */
    int reopenReady(String environmentId, Instant now) {
        return jdbc.sql("update resource set state = ?, attempts = 0, next_attempt_at = null, waiting_since = ?, "
                        + "updated_at = ?, " + REVISED + " where environment_id = ? and state = ?")
                .params(
                        ResourceState.CHECKING.name(),
                        SqlTime.param(now),
                        SqlTime.param(now),
                        environmentId,
                        ResourceState.READY.name())
                .update();
    }

    /** These READY resources are looked at again now, to change them back to the spec. */
    int reopenForRepair(String environmentId, Collection<ResourceKey> keys, Instant now) {
        return keys.stream()
                .mapToInt(key -> jdbc.sql("update resource set state = ?, attempts = 0, next_attempt_at = null, "
                                + "waiting_since = ?, " + REVISED
                                + " where environment_id = ? and resource_key = ? and state = ?")
                        .params(
                                ResourceState.CHECKING.name(),
                                SqlTime.param(now),
                                environmentId,
                                key.value(),
                                ResourceState.READY.name())
                        .update())
                .sum();
    }

    /** These resources are to be deleted and created anew, for a change that needs replacement. */
    int markReplacing(String environmentId, Collection<ResourceKey> keys, Instant now) {
        return keys.stream()
                .mapToInt(key -> jdbc.sql("update resource set state = ?, attempts = 0, next_attempt_at = null, "
                                + "updated_at = ?, " + REVISED + " where environment_id = ? and resource_key = ?"
                                + from(ResourceState.REPLACING))
                        .params(ResourceState.REPLACING.name(), SqlTime.param(now), environmentId, key.value())
                        .update())
                .sum();
    }

    int markFailed(String environmentId, ResourceKey key, String error, Instant now) {
        return move(
                environmentId,
                key,
                ResourceState.FAILED,
                now,
                "last_error = :error, next_attempt_at = null, waiting_for = null",
                Map.of("error", error));
    }

    int markDeleting(String environmentId, ResourceKey key, Instant now) {
        return move(environmentId, key, ResourceState.DELETING, now, "attempts = 0, waiting_for = null", Map.of());
    }

    int markDeleted(String environmentId, ResourceKey key, Instant now) {
        return move(environmentId, key, ResourceState.DELETED, now, STARTED_OVER, Map.of());
    }

    /** Kept on purpose by teardown: AWS still has it, and it is no longer looked at. */
    int markRetained(String environmentId, ResourceKey key, Instant now) {
        return move(environmentId, key, ResourceState.RETAINED, now, STARTED_OVER, Map.of());
    }

    /** Look again at {@code at}: the last look succeeded (the resource is pending in AWS), so failures start over. */
    void checkAgainAt(String environmentId, ResourceKey key, Instant at) {
        jdbc.sql("update resource set next_attempt_at = ?, attempts = 0 where environment_id = ? and resource_key = ?")
                .params(SqlTime.param(at), environmentId, key.value())
                .update();
    }

    /** As {@link #checkAgainAt}, and what AWS is still doing with it, as its handler read it. */
    void waitFor(String environmentId, ResourceKey key, String waitingFor, Instant at) {
        jdbc.sql("update resource set next_attempt_at = ?, attempts = 0, waiting_for = ? "
                        + "where environment_id = ? and resource_key = ?")
                .params(SqlTime.param(at), waitingFor, environmentId, key.value())
                .update();
    }

    /** A failed attempt that will be retried at {@code at}. */
    void retryAt(String environmentId, ResourceKey key, int attempts, String error, @Nullable Instant at) {
        jdbc.sql("update resource set attempts = ?, last_error = ?, next_attempt_at = ? "
                        + "where environment_id = ? and resource_key = ?")
                // as a list: the next attempt may be SQL NULL, which params(Object...) does not declare
                .params(Arrays.asList(attempts, error, SqlTime.param(at), environmentId, key.value()))
                .update();
    }

    /**
     * Moves one resource into {@code to} from a state it may come from, with {@code assignments} (SQL,
     * with named parameters from {@code values} and {@code :now}), and updated now.
     *
     * @return the rows moved: 0 when the resource is not in a state it may come from
     */
    private int move(
            String environmentId,
            ResourceKey key,
            ResourceState to,
            Instant now,
            String assignments,
            Map<String, Object> values) {
        var statement = jdbc.sql("update resource set state = :state, " + assignments + ", updated_at = :now, "
                        + REVISED + " " + "where environment_id = :environment and resource_key = :key" + from(to))
                .param("state", to.name())
                .param("now", SqlTime.param(now))
                .param("environment", environmentId)
                .param("key", key.value());
        for (var value : values.entrySet()) {
            statement = statement.param(value.getKey(), value.getValue());
        }
        return statement.update();
    }

    /** The guard of a transition into {@code target}: the row is in one of the states it may come from. */
    private static String from(ResourceState target) {
        return target.legalSources().stream()
                .filter(state -> state != ResourceState.PLANNED)
                .map(state -> "'" + state.name() + "'")
                .collect(Collectors.joining(", ", " and state in (", ")"));
    }

    private ResourceRecord map(ResultSet rs, int row) throws SQLException {
        String attributes = rs.getString("attributes");
        return new ResourceRecord(
                rs.getString("environment_id"),
                new ResourceKey(rs.getString("resource_key")),
                rs.getString("kind"),
                ResourceState.valueOf(rs.getString("state")),
                rs.getString("physical_id"),
                rs.getInt("attempts"),
                rs.getString("last_error"),
                SqlTime.read(rs, "next_attempt_at"),
                attributes == null ? Map.of() : json.readValue(attributes, ATTRIBUTES),
                SqlTime.read(rs, "waiting_since"),
                SqlTime.readNotNull(rs, "created_at"),
                SqlTime.readNotNull(rs, "updated_at"),
                rs.getString("waiting_for"));
    }
}
