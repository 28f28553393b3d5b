package dev.plinth.engine;

import dev.plinth.testing.PostgresServer;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** The repository contract on a real PostgreSQL server, the production store. */
class PostgresRepositoryIT extends RepositoryContract {

    @Override
    DataSource newDatabase() {
        return new SimpleDriverDataSource(
                new org.postgresql.Driver(), PostgresServer.shared().newDatabase(), PostgresServer.USER, "");
    }
}
