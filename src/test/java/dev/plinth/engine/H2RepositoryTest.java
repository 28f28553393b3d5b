package dev.plinth.engine;

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
}
