package dev.plinth.engine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** The repository contract on the embedded database, in the mode the service uses it. */
class H2RepositoryTest extends RepositoryContract {

    @Override
    DataSource newDatabase() {
        return new SimpleDriverDataSource(
                new org.h2.Driver(),
                "jdbc:h2:mem:" + UUID.randomUUID()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    }

    /** H2 prefers an index whenever one applies; its plan names it, or says {@code tableScan}. */
    @Override
    String plan(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet plan = statement.executeQuery("explain " + query)) {
            plan.next();
            return plan.getString(1);
        }
    }
}
