package dev.plinth.security;

import dev.plinth.support.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The audit trail, append-only; only the retention purge removes entries. */
@Repository
public class AuditLog {

    /** What to list: each filter applies when not null; {@code before} is the last id of the previous page. */
    public record Query(
            @Nullable String environmentId,
            @Nullable String actor,
            @Nullable Instant since,
            @Nullable Long before,
            int limit) {}

    private final JdbcClient jdbc;

    AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void append(AuditEntry entry) {
        jdbc.sql("insert into audit_entry (at, actor, team, role, method, route, environment_id, status, request_id) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                // as a list: some values are SQL NULL, which params(Object...) does not declare
                .params(Arrays.asList(
                        SqlTime.param(entry.at()),
                        entry.actor(),
                        entry.team(),
                        entry.role() == null ? null : entry.role().name(),
                        entry.method(),
                        entry.route(),
                        entry.environmentId(),
                        entry.status(),
                        entry.requestId()))
                .update();
    }

    /** Newest first; one more than {@code limit} tells the caller another page follows. */
    public List<AuditEntry> list(Query query) {
        var sql = new StringBuilder("select * from audit_entry where 1 = 1");
        var params = new ArrayList<Object>();
        if (query.environmentId() != null) {
            sql.append(" and environment_id = ?");
            params.add(query.environmentId());
        }
        if (query.actor() != null) {
            sql.append(" and actor = ?");
            params.add(query.actor());
        }
        if (query.since() != null) {
            sql.append(" and at >= ?");
            params.add(SqlTime.param(query.since()));
        }
        if (query.before() != null) {
            sql.append(" and id < ?");
            params.add(query.before());
        }
        sql.append(" order by id desc limit ?");
        params.add(query.limit() + 1);
        return jdbc.sql(sql.toString()).params(params).query(AuditLog::entry).list();
    }

    /** @return how many entries older than {@code before} were removed */
    int purgeBefore(Instant before) {
        return jdbc.sql("delete from audit_entry where at < ?")
                .param(SqlTime.param(before))
                .update();
    }

    private static AuditEntry entry(ResultSet rs, int row) throws SQLException {
        String role = rs.getString("role");
        return new AuditEntry(
                rs.getLong("id"),
                SqlTime.readNotNull(rs, "at"),
                rs.getString("actor"),
                rs.getString("team"),
                role == null ? null : Role.valueOf(role),
                rs.getString("method"),
                rs.getString("route"),
                rs.getString("environment_id"),
                rs.getInt("status"),
                rs.getString("request_id"));
    }
}
