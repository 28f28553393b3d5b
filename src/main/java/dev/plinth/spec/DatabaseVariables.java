package dev.plinth.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The names of the container's variables that carry the relational database's connection, for an
 * image that reads names of its own (the official wordpress image reads {@code WORDPRESS_DB_HOST}).
 * The host (the proxy's endpoint when there is one) and port are plain values; the user name and
 * password are task-definition secrets the ECS agent reads from the RDS-managed master secret when a
 * task starts, so they never pass through plinth. Unused without a relational database.
 *
 * @param host     default {@code DB_HOST}
 * @param port     default {@code DB_PORT}
 * @param username default {@code DB_USERNAME}
 * @param password default {@code DB_PASSWORD}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatabaseVariables(
        @Nullable String host,
        @Nullable String port,
        @Nullable String username,
        @Nullable String password) {

    public static final DatabaseVariables DEFAULT =
            new DatabaseVariables("DB_HOST", "DB_PORT", "DB_USERNAME", "DB_PASSWORD");

    DatabaseVariables withDefaults() {
        return new DatabaseVariables(
                host == null ? DEFAULT.host : host,
                port == null ? DEFAULT.port : port,
                username == null ? DEFAULT.username : username,
                password == null ? DEFAULT.password : password);
    }

    /** Each variable's name by the field that names it ({@code host}, {@code port}, ...), in that order. */
    Map<String, String> byField() {
        var names = new LinkedHashMap<String, String>();
        names.put("host", host);
        names.put("port", port);
        names.put("username", username);
        names.put("password", password);
        return names;
    }
}
