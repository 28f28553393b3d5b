package dev.plinth.environment;

import dev.plinth.spec.EnvironmentSpec;
import dev.plinth.support.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Environments in the service's database. The spec is kept as its JSON document. */
@Repository
public class EnvironmentRepository {

    private static final String COLUMNS =
            "id, team, spec, retired_spec, availability_zones, status, failure_step, failure_code, "
                    + "failure_message, idempotency_key, request_hash, version, spec_revision, created_at, updated_at, delete_requested_at";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public EnvironmentRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Stores a new environment.
     *
     * @throws org.springframework.dao.DuplicateKeyException when the name is taken by a live
     *     environment or the idempotency key was used before
     */
    public void insert(Environment env) {
        jdbc.sql("insert into environment (id, team, name, active_name, region, spec, availability_zones, status, "
                        + "idempotency_key, request_hash, version, spec_revision, created_at, updated_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                // as a list: some values are SQL NULL, which params(Object...) does not declare
                .params(Arrays.asList(
                        env.id(),
                        env.team(),
                        env.name(),
                        env.name(),
                        env.region(),
                        json.writeValueAsString(env.spec()),
                        String.join(",", env.availabilityZones()),
                        env.status().name(),
                        env.idempotencyKey() == null ? null : scopedKey(env.team(), env.idempotencyKey()),
                        env.requestHash(),
                        env.version(),
                        env.specRevision(),
                        SqlTime.param(env.createdAt()),
                        SqlTime.param(env.updatedAt())))
                .update();
    }

    /**
     * Saves a state change made to {@code changed} as read at {@code changed.version()}.
     *
     * @return the saved environment with its new version, or empty when someone else saved a
     *     change since it was read
     */
    public Optional<Environment> save(Environment changed) {
        Failure failure = changed.failure();
        int rows = jdbc.sql(
                        "update environment set spec = ?, spec_revision = ?, retired_spec = ?, status = ?, active_name = ?, failure_step = ?, "
                                + "failure_code = ?, failure_message = ?, updated_at = ?, delete_requested_at = ?, version = version + 1 "
                                + "where id = ? and version = ?")
                // as a list: some values are SQL NULL, which params(Object...) does not declare
                .params(Arrays.asList(
                        json.writeValueAsString(changed.spec()),
                        changed.specRevision(),
                        changed.retiredSpec() == null ? null : json.writeValueAsString(changed.retiredSpec()),
                        changed.status().name(),
                        changed.status() == EnvironmentStatus.DELETED ? null : changed.name(),
                        failure == null ? null : failure.step(),
                        failure == null ? null : failure.code(),
                        failure == null ? null : failure.message(),
                        SqlTime.param(changed.updatedAt()),
                        SqlTime.param(changed.deleteRequestedAt()),
                        changed.id(),
                        changed.version()))
                .update();
        return rows == 1 ? findById(changed.id()) : Optional.empty();
    }

    public Optional<Environment> findById(String id) {
        return jdbc.sql("select " + COLUMNS + " from environment where id = ?")
                .param(id)
                .query(this::map)
                .optional();
    }

    /** The environment a team (null: no team) created with this Idempotency-Key; another team's key is not it. */
    /**
     * The environment with what its view is made of, in one query: what a read of the view (or of
     * whether it changed) costs.
     */
    public Optional<Viewed> findViewed(String id) {
        return jdbc.sql("select " + COLUMNS + ", drift_checked_at, "
                        + "(select coalesce(max(r.revision), 0) from resource r where r.environment_id = e.id) "
                        + "as resources_revision, "
                        + "(select count(*) from resource r where r.environment_id = e.id) as resource_count "
                        + "from environment e where id = ?")
                .param(id)
                .query((rs, row) -> new Viewed(
                        map(rs, row),
                        new ViewVersion(
                                rs.getLong("version"),
                                rs.getLong("resources_revision"),
                                rs.getLong("resource_count"),
                                SqlTime.read(rs, "drift_checked_at"))))
                .optional();
    }

    /** An environment and the version of its view. */
    public record Viewed(Environment environment, ViewVersion view) {}

    public Optional<Environment> findByIdempotencyKey(@Nullable String team, String key) {
        return jdbc.sql("select " + COLUMNS + " from environment where idempotency_key = ?")
                .param(scopedKey(team, key))
                .query(this::map)
                .optional();
    }

    /** A key as it is kept: the team's own ("<team>:<key>"; team names have no ':'). */
    private static String scopedKey(@Nullable String team, String key) {
        return (team == null ? "" : team) + ":" + key;
    }

    /** The environments the engine still has work to do for. */
    public List<String> inFlightIds() {
        return jdbc.sql("select id from environment where status in ('PENDING', 'PROVISIONING', 'DELETING')")
                .query(String.class)
                .list();
    }

    /** How many environments are in each status; a status none is in is missing. */
    public Map<EnvironmentStatus, Long> countByStatus() {
        Map<EnvironmentStatus, Long> counts = new EnumMap<>(EnvironmentStatus.class);
        jdbc.sql("select status, count(*) as environments from environment group by status")
                .query(rs -> {
                    counts.put(EnvironmentStatus.valueOf(rs.getString("status")), rs.getLong("environments"));
                });
        return counts;
    }

    public boolean isNameTaken(String name) {
        return jdbc.sql("select count(*) from environment where active_name = ?")
                        .param(name)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    /**
     * One page of environments, newest first.
     *
     * @param team   only this team's, when not empty
     * @param status only these, when not null
     * @param name   only this name, when not null
     * @param after  the last environment of the previous page, when not null
     */
    public List<Environment> list(
            Optional<String> team,
            @Nullable EnvironmentStatus status,
            @Nullable String name,
            @Nullable PageMark after,
            int limit) {
        var sql = new StringBuilder("select " + COLUMNS + " from environment where 1 = 1");
        var params = new ArrayList<Object>();
        if (team.isPresent()) {
            sql.append(" and team = ?");
            params.add(team.get());
        }
        if (status != null) {
            sql.append(" and status = ?");
            params.add(status.name());
        }
        if (name != null) {
            sql.append(" and name = ?");
            params.add(name);
        }
        if (after != null) {
            sql.append(" and (created_at < ? or (created_at = ? and id < ?))");
            params.add(SqlTime.param(after.createdAt()));
            params.add(SqlTime.param(after.createdAt()));
            params.add(after.id());
        }
        sql.append(" order by created_at desc, id desc limit ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(this::map).list();
    }

    /** Where a page ended: the sort key of its last environment. */
    public record PageMark(Instant createdAt, String id) {}

    private Environment map(ResultSet rs, int row) throws SQLException {
        String step = rs.getString("failure_step");
        Failure failure =
                step == null ? null : new Failure(step, rs.getString("failure_code"), rs.getString("failure_message"));
        String retired = rs.getString("retired_spec");
        String key = rs.getString("idempotency_key");
        return new Environment(
                rs.getString("id"),
                rs.getString("team"),
                json.readValue(rs.getString("spec"), EnvironmentSpec.class),
                retired == null ? null : json.readValue(retired, EnvironmentSpec.class),
                Arrays.asList(rs.getString("availability_zones").split(",")),
                EnvironmentStatus.valueOf(rs.getString("status")),
                failure,
                key == null ? null : key.substring(key.indexOf(':') + 1),
                rs.getString("request_hash"),
                rs.getLong("version"),
                rs.getLong("spec_revision"),
                SqlTime.readNotNull(rs, "created_at"),
                SqlTime.readNotNull(rs, "updated_at"),
                SqlTime.read(rs, "delete_requested_at"));
    }
}
