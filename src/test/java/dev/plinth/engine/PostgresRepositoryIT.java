package dev.plinth.engine;

import dev.plinth.testing.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** The repository contract on a real PostgreSQL server, the production store. */
class PostgresRepositoryIT extends RepositoryContract {

    @Override
    DataSource newDatabase() {
        return new SimpleDriverDataSource(
                new org.postgresql.Driver(), PostgresServer.shared().newDatabase(), PostgresServer.USER, "");
    }

    /** With sequential scans made the last resort, PostgreSQL's plan names the index it reads, if any applies. */
    @Override
    String plan(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("set enable_seqscan = off");
            var lines = new StringBuilder();
            try (ResultSet plan = statement.executeQuery("explain " + query)) {
                while (plan.next()) {
                    lines.append(plan.getString(1)).append('\n');
                }
            }
            return lines.toString();
        }
    }
}
