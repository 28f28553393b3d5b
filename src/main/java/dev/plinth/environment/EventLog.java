package dev.plinth.environment;

import dev.plinth.support.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
