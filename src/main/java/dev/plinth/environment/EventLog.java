package dev.plinth.environment;

import dev.plinth.support.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The timeline of every environment, append-only. */
@Repository
public class EventLog {

    private final JdbcClient jdbc;
    private final Clock clock;

    public EventLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void append(String environmentId, EventType type, String message) {
        append(environmentId, type, null, null, message, null, null);
    }

    /** An event a caller's request caused: it names them. */
    public void append(String environmentId, EventType type, Actor actor, String message) {
        append(environmentId, type, null, null, message, null, actor);
    }

    /**
     * How the environment's provisioning or teardown ended, with how long it took.
     *
     * @param failedStep the resource whose failure stopped it, or null
     */
    public void appendOutcome(
            String environmentId,
            EventType type,
            @Nullable String failedStep,
            String message,
            @Nullable Duration duration) {
        append(environmentId, type, failedStep, null, message, duration, null);
    }

    /** An event of one resource: for the engine's resource journal only, which writes it with the resource's record. */
    public void appendResourceEvent(
            String environmentId,
            EventType type,
            String resourceKey,
            @Nullable String kind,
            String message,
            @Nullable Duration duration) {
        append(environmentId, type, resourceKey, kind, message, duration, null);
    }

    private void append(
            String environmentId,
            EventType type,
            @Nullable String resourceKey,
            @Nullable String kind,
            String message,
            @Nullable Duration duration,
            @Nullable Actor actor) {
        jdbc.sql(
                        "insert into environment_event (environment_id, at, type, resource_key, kind, message, duration_ms, actor) "
                                + "values (?, ?, ?, ?, ?, ?, ?, ?)")
                // as a list: some values are SQL NULL, which params(Object...) does not declare
                .params(Arrays.asList(
                        environmentId,
                        SqlTime.param(SqlTime.now(clock)),
                        type.name(),
                        resourceKey,
                        kind,
                        message,
                        duration == null ? null : duration.toMillis(),
                        actor == null ? null : actor.name()))
                .update();
    }

    /**
     * One page of the timeline in order of id.
     *
     * @param more whether events the query matches remain after these
     */
    public record Page(List<EnvironmentEvent> events, boolean more) {}

    /** The events {@code query} asks for, in order of id. */
    public Page list(String environmentId, EventQuery query) {
        String sql = "select * from environment_event where environment_id = :environment and id > :after"
                + (query.resourceKey() == null ? "" : " and resource_key = :resource")
                + (query.types().isEmpty() ? "" : " and type in (:types)")
                + " order by id limit :limit";
        // one more than asked for tells whether more remain
        List<EnvironmentEvent> found = jdbc.sql(sql)
                .param("environment", environmentId)
                .param("after", query.after())
                .param("resource", query.resourceKey())
                .param("types", query.types().stream().map(EventType::name).toList())
                .param("limit", query.limit() + 1)
                .query(EventLog::map)
                .list();
        return found.size() > query.limit() ? new Page(found.subList(0, query.limit()), true) : new Page(found, false);
    }

    /** The newest event of one of {@code types}, of the environment or any of its steps. */
    public Optional<EnvironmentEvent> latest(String environmentId, Set<EventType> types) {
        return jdbc.sql("select * from environment_event where environment_id = ? and type in (" + placeholders(types)
                        + ") order by id desc limit 1")
                .params(params(environmentId, types))
                .query(EventLog::map)
                .optional();
    }

    private static String placeholders(Set<EventType> types) {
        return String.join(", ", Collections.nCopies(types.size(), "?"));
    }

    private static List<Object> params(String environmentId, Set<EventType> types) {
        List<Object> params = new ArrayList<>(List.of(environmentId));
        types.forEach(t -> params.add(t.name()));
        return params;
    }

    private static EnvironmentEvent map(ResultSet rs, int row) throws SQLException {
        long durationMs = rs.getLong("duration_ms");
        Duration duration = rs.wasNull() ? null : Duration.ofMillis(durationMs);
        return new EnvironmentEvent(
                rs.getLong("id"),
                rs.getString("environment_id"),
                SqlTime.readNotNull(rs, "at"),
                EventType.valueOf(rs.getString("type")),
                rs.getString("resource_key"),
                rs.getString("kind"),
                rs.getString("message"),
                duration,
                rs.getString("actor"));
    }
}
