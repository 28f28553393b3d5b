package dev.plinth.engine;

import dev.plinth.support.SqlTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The drift checks of environments: asked for, and what the last one found. Kept beside the
 * environment's own columns and written without touching its version, so a check never makes a
 * client's ETag stale.
 */
@Repository
public class DriftRepository {

    private static final TypeReference<List<Drift>> DRIFTS = new TypeReference<>() {};
    /**
     * Clears the request a check answered, unless a stronger one came meanwhile: both parameters are
     * whether the check answered a request to repair. (SQL reads the row's old values in every SET.)
     */
    private static final String ANSWERED = "drift_check_requested_at = case when drift_repair_requested and not ? "
            + "then drift_check_requested_at end, drift_repair_requested = drift_repair_requested and not ?";

    /** What the last check found, and when; {@code differences} is empty when all was as the spec says. */
    public record Report(Instant checkedAt, List<Drift> differences) {

        public Report {
            differences = List.copyOf(differences);
        }
    }

    /** A check asked for and not made yet. */
    public record Request(Instant requestedAt, boolean repair) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public DriftRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Asks for a check; a request to repair is not weakened by a later one to report.
     *
     * @return false when the environment is not READY (a check then has nothing to compare)
     */
    public boolean request(String environmentId, boolean repair, Instant now) {
        return jdbc.sql(
                                "update environment set drift_check_requested_at = coalesce(drift_check_requested_at, ?), "
                                        + "drift_repair_requested = drift_repair_requested or ? where id = ? and status = 'READY'")
                        .params(SqlTime.param(now), repair, environmentId)
                        .update()
                == 1;
    }

    public Optional<Request> pending(String environmentId) {
        return jdbc.sql("select drift_check_requested_at, drift_repair_requested from environment "
                        + "where id = ? and drift_check_requested_at is not null")
                .param(environmentId)
                .query((rs, row) -> new Request(
                        SqlTime.readNotNull(rs, "drift_check_requested_at"), rs.getBoolean("drift_repair_requested")))
                .optional();
    }

    /** A READY environment without a check pending, and when it was last checked (null: never). */
    public record Unchecked(String environmentId, @Nullable Instant lastCheckedAt) {}

    /** The READY environments without a check pending: the ones a periodic check may be asked for. */
    public List<Unchecked> uncheckedReady() {
        return jdbc.sql("select id, drift_checked_at from environment "
                        + "where status = 'READY' and drift_check_requested_at is null")
                .query((rs, row) -> new Unchecked(rs.getString("id"), SqlTime.read(rs, "drift_checked_at")))
                .list();
    }

    /**
     * What a check found; the request it answered is done. A request to repair that came while a check
     * only to report was under way stays pending, so it is not lost.
     *
     * @param repaired whether the check answered a request to repair
     */
    void save(String environmentId, boolean repaired, Instant checkedAt, List<Drift> differences) {
        jdbc.sql("update environment set drift_checked_at = ?, drift = ?, " + ANSWERED + " where id = ?")
                .params(
                        SqlTime.param(checkedAt),
                        json.writeValueAsString(differences),
                        repaired,
                        repaired,
                        environmentId)
                .update();
    }

    /** The request is answered without a report: the check could not see everything. */
    void dismiss(String environmentId, boolean repaired) {
        jdbc.sql("update environment set " + ANSWERED + " where id = ?")
                .params(repaired, repaired, environmentId)
                .update();
    }

    /** READY environments with a check asked for: each needs an execution to make it. */
    public List<String> pendingIds() {
        return jdbc.sql("select id from environment where status = 'READY' and drift_check_requested_at is not null")
                .query(String.class)
                .list();
    }

    public Optional<Report> report(String environmentId) {
        return jdbc.sql("select drift_checked_at, drift from environment where id = ? and drift_checked_at is not null")
                .param(environmentId)
                .query((rs, row) -> new Report(
                        SqlTime.readNotNull(rs, "drift_checked_at"), json.readValue(rs.getString("drift"), DRIFTS)))
                .optional();
    }
}
