package dev.plinth.support;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.lang.Contract;

/** Instants to and from {@code timestamp with time zone} columns, the same way on every database. */
public final class SqlTime {

    private SqlTime() {}

    /** Now, at the precision every supported database keeps (microseconds), so values round-trip exactly. */
    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    @Contract("!null -> !null")
    public static @Nullable OffsetDateTime param(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static @Nullable Instant read(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** The instant of a {@code not null} column. */
    public static Instant readNotNull(ResultSet rs, String column) throws SQLException {
        return Objects.requireNonNull(read(rs, column), column);
    }
}
