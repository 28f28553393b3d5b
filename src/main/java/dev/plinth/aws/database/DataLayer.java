package dev.plinth.aws.database;

import dev.plinth.engine.ResourceKey;
import dev.plinth.engine.ResourceNode;
import dev.plinth.environment.EnvironmentSpec;
import java.util.List;

/**
 * The data layer as data. For {@code postgres}/{@code mysql}: a DB subnet group over the private
 * subnets; the instance (encrypted, its master password managed by RDS in Secrets Manager) in the
 * database security group; with a proxy, an IAM role RDS Proxy assumes, its inline policy to read
 * that secret, the proxy in the proxy security group, and the instance registered as its target.
 * For {@code dynamodb}: one on-demand table.
 */
public final class DataLayer {

    public static final ResourceKey SUBNET_GROUP = ResourceKey.of("database", "subnet-group");
    public static final ResourceKey INSTANCE = ResourceKey.of("database", "instance");
    public static final ResourceKey PROXY_ROLE = ResourceKey.of("database", "proxy-role");
    public static final ResourceKey PROXY_ROLE_POLICY = ResourceKey.of("database", "proxy-role-policy");
    public static final ResourceKey PROXY = ResourceKey.of("database", "proxy");
    public static final ResourceKey PROXY_TARGET = ResourceKey.of("database", "proxy-target");
    public static final ResourceKey TABLE = ResourceKey.of("database", "table");

    /** On {@link #INSTANCE} and {@link #PROXY}: the host name clients connect to. */
    public static final String ENDPOINT = "endpoint";
    /** On {@link #INSTANCE}: the port. */
    public static final String PORT = "port";
    /** On {@link #INSTANCE}: the ARN of the RDS-managed master user secret (JSON with username and password). */
    public static final String SECRET_ARN = "secretArn";
    /** On {@link #INSTANCE}: the DB instance identifier, the CloudWatch dimension DBInstanceIdentifier. */
    public static final String IDENTIFIER = "identifier";
    /** On {@link #INSTANCE}, {@link #PROXY} and {@link #TABLE}: the ARN. */
    public static final String ARN = "arn";
    /** On {@link #TABLE}: the table name. */
    public static final String TABLE_NAME = "tableName";

    private DataLayer() {}

    /** The resources of the data layer; none without a database section. */
    public static List<ResourceNode> nodes(EnvironmentSpec spec, List<String> zones) {
        return List.of();
    }

    /** What the app connects to: the proxy when there is one, else the instance. */
    public static ResourceKey connectionTarget(EnvironmentSpec spec) {
        return spec.hasProxy() ? PROXY : INSTANCE;
    }

    /** What the app must wait for before it starts: the proxy's target registration, the instance, or the table. */
    public static List<ResourceKey> readyForApp(EnvironmentSpec spec) {
        if (!spec.hasDatabase()) {
            return List.of();
        }
        if (!spec.hasRelationalDatabase()) {
            return List.of(TABLE);
        }
        return spec.hasProxy() ? List.of(PROXY, PROXY_TARGET, INSTANCE) : List.of(INSTANCE);
    }
}
