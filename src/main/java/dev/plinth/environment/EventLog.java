package dev.plinth.environment;

import dev.plinth.support.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
        append(environmentId, type, null, null, message, null);
    }

    public void append(String environmentId, EventType type, String resourceKey, String kind, String message,
            Duration duration) {
        jdbc.sql("insert into environment_event (environment_id, at, type, resource_key, kind, message, duration_ms) "
                        + "values (?, ?, ?, ?, ?, ?, ?)")
                .params(environmentId, SqlTime.param(SqlTime.now(clock)), type.name(),
                        resourceKey, kind, message,
                        duration == null ? null : duration.toMillis())
                .update();
    }

    /** The timeline in order; {@code afterId} skips what a client has seen already (0 for all). */
    public List<EnvironmentEvent> list(String environmentId, long afterId, int limit) {
        return jdbc.sql("select * from environment_event where environment_id = ? and id > ? order by id limit ?")
                .params(environmentId, afterId, limit)
                .query(EventLog::map)
                .list();
    }

    /** The newest event of one of {@code types}, of the environment or any of its steps. */
    public Optional<EnvironmentEvent> latest(String environmentId, Set<EventType> types) {
        return jdbc.sql("select * from environment_event where environment_id = ? and type in (" + placeholders(types)
                        + ") order by id desc limit 1")
                .params(params(environmentId, types))
                .query(EventLog::map)
                .optional();
    }

    /** The events of one of {@code types} of one step, in order. */
    public List<EnvironmentEvent> ofStep(String environmentId, String resourceKey, Set<EventType> types) {
        List<Object> params = params(environmentId, types);
        params.add(resourceKey);
        return jdbc.sql("select * from environment_event where environment_id = ? and type in (" + placeholders(types)
                        + ") and resource_key = ? order by id")
                .params(params)
                .query(EventLog::map)
                .list();
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
                SqlTime.read(rs, "at"),
                EventType.valueOf(rs.getString("type")),
                rs.getString("resource_key"),
                rs.getString("kind"),
                rs.getString("message"),
                duration);
    }
}
