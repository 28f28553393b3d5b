package dev.plinth.security;

import dev.plinth.support.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The API tokens, by the hash of the token: the token itself is never stored. */
@Repository
class ApiTokenRepository {

    private static final String COLUMNS = "id, name, team, role, created_by, created_at, expires_at, last_used_at";

    private final JdbcClient jdbc;

    ApiTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ApiToken token, String tokenHash) {
        jdbc.sql("insert into api_token (id, name, team, role, token_hash, created_by, created_at, expires_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?)")
                // as a list: some values are SQL NULL, which params(Object...) does not declare
                .params(Arrays.asList(
                        token.id(),
                        token.name(),
                        token.team(),
                        token.role().name(),
                        tokenHash,
                        token.createdBy(),
                        SqlTime.param(token.createdAt()),
                        SqlTime.param(token.expiresAt())))
                .update();
    }

    /** The token with this hash, if it is neither revoked nor expired at {@code now}. */
    Optional<ApiToken> findLive(String tokenHash, Instant now) {
        return jdbc.sql("select " + COLUMNS
                        + " from api_token where token_hash = ? and revoked_at is null and expires_at > ?")
                .params(tokenHash, SqlTime.param(now))
                .query(ApiTokenRepository::token)
                .optional();
    }

    /** The tokens not revoked, of one team, or of every team when {@code team} is empty; newest first. */
    List<ApiToken> listUnrevoked(Optional<String> team) {
        return jdbc.sql("select " + COLUMNS + " from api_token where revoked_at is null"
                        + (team.isPresent() ? " and team = ?" : "") + " order by created_at desc, id")
                .params(team.stream().toList())
                .query(ApiTokenRepository::token)
                .list();
    }

    Optional<ApiToken> findUnrevoked(String id) {
        return jdbc.sql("select " + COLUMNS + " from api_token where id = ? and revoked_at is null")
                .param(id)
                .query(ApiTokenRepository::token)
                .optional();
    }

    /** @return whether the token was revoked by this call (false: it already was, or is unknown) */
    boolean revoke(String id, Instant now) {
        return jdbc.sql("update api_token set revoked_at = ? where id = ? and revoked_at is null")
                        .params(SqlTime.param(now), id)
                        .update()
                == 1;
    }

    /** Records a use, at most once per {@code since}: a busy script does not write on every request. */
    void touch(String id, Instant now, Instant since) {
        jdbc.sql("update api_token set last_used_at = ? where id = ? and (last_used_at is null or last_used_at < ?)")
                .params(SqlTime.param(now), id, SqlTime.param(since))
                .update();
    }

    private static ApiToken token(ResultSet rs, int row) throws SQLException {
        return new ApiToken(
                rs.getString("id"),
                rs.getString("name"),
                rs.getString("team"),
                Role.valueOf(rs.getString("role")),
                rs.getString("created_by"),
                SqlTime.readNotNull(rs, "created_at"),
                SqlTime.readNotNull(rs, "expires_at"),
                SqlTime.read(rs, "last_used_at"));
    }
}
