package dev.plinth.engine;

import dev.plinth.support.SqlTime;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The reconcile executions that are due and that no replica has picked yet, as db-scheduler's table
 * has them: how many, and how late the oldest is. Work piles up here when the replicas' workers
 * cannot keep up.
 */
@Repository
class ReconcileBacklog {

    /** @param lag how long the oldest due execution has waited; zero when none waits */
    record Snapshot(long due, Duration lag) {}

    private final JdbcClient jdbc;

    ReconcileBacklog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Snapshot at(Instant now) {
        return jdbc.sql("select count(*) as due, min(execution_time) as oldest from scheduled_tasks "
                        + "where task_name = ? and picked = false and execution_time <= ?")
                .params(EngineScheduler.RECONCILE.getTaskName(), SqlTime.param(now))
                .query((rs, row) -> {
                    Instant oldest = SqlTime.read(rs, "oldest");
                    return new Snapshot(
                            rs.getLong("due"), oldest == null ? Duration.ZERO : Duration.between(oldest, now));
                })
                .single();
    }
}
