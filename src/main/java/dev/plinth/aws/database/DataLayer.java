package dev.plinth.aws.database;

import dev.plinth.aws.iam.IamRoleHandler;
import dev.plinth.aws.iam.IamRolePolicyHandler;
import dev.plinth.aws.iam.PolicyStatement;
import dev.plinth.aws.network.NetworkLayer;
import dev.plinth.aws.network.NetworkLayer.SecurityGroupRole;
import dev.plinth.engine.Layer;
import dev.plinth.engine.LayerNodes;
import dev.plinth.engine.ResourceKey;
import dev.plinth.engine.ResourceNode;
import dev.plinth.engine.ResourceRecord;
import dev.plinth.engine.ResourceState;
import dev.plinth.environment.Environment;
import dev.plinth.spec.DatabaseSpec;
import dev.plinth.spec.EnvironmentSpec;
import dev.plinth.spec.OnDelete;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /** The last part of the proxy role's name. */
    static final String PROXY_ROLE_NAME = "database-proxy";

    static final String PROXY_ROLE_POLICY_NAME = "read-database-secret";
    /** The DynamoDB table's partition key, a string. */
    static final String PARTITION_KEY = "id";

    private DataLayer() {}

    /**
     * The resources of the data layer of a spec with its defaults applied; none without a database
     * section. subnet group → instance → (proxy role → its policy) → proxy → proxy target.
     */
    public static List<ResourceNode> nodes(EnvironmentSpec spec, List<String> zones) {
        if (!spec.hasDatabase()) {
            return List.of();
        }
        var nodes = new LayerNodes(Layer.DATA);
        if (!spec.hasRelationalDatabase()) {
            nodes.add(TABLE, new DynamoDbTableHandler.Desired(PARTITION_KEY));
            return nodes.list();
        }
        DatabaseSpec database = spec.database();
        List<ResourceKey> privateSubnets =
                zones.stream().map(NetworkLayer::privateSubnet).toList();
        ResourceKey databaseGroup = SecurityGroupRole.DATABASE.key();

        nodes.add(
                SUBNET_GROUP,
                new DbSubnetGroupHandler.Desired(privateSubnets, "the private subnets of the database"),
                privateSubnets);
        nodes.add(
                INSTANCE,
                new DbInstanceHandler.Desired(
                        database.engine(),
                        database.instanceClass(),
                        database.storageGb(),
                        database.multiAz(),
                        database.backupRetentionDays(),
                        database.deletionProtection(),
                        SUBNET_GROUP,
                        databaseGroup,
                        database.onDeleteOrDefault(),
                        database.restoreFromSnapshot(),
                        database.name()),
                List.of(SUBNET_GROUP, databaseGroup));
        if (!spec.hasProxy()) {
            return nodes.list();
        }
        ResourceKey proxyGroup = SecurityGroupRole.DATABASE_PROXY.key();
        nodes.add(
                PROXY_ROLE,
                new IamRoleHandler.Desired(
                        PROXY_ROLE_NAME, "rds.amazonaws.com", "RDS Proxy reads the database's master secret"));
        List<PolicyStatement> statements = List.of(
                new PolicyStatement(
                        List.of("secretsmanager:GetSecretValue"),
                        List.of(PolicyStatement.Ref.attribute(INSTANCE, SECRET_ARN))),
                // NOTE: the RDS-managed secret is encrypted with the aws/secretsmanager key, whose ARN is not known in
                // advance
                new PolicyStatement(List.of("kms:Decrypt"), List.of(PolicyStatement.Ref.literal("*"))));
        // The instance's secret ARN is known from its create call on (CreateDBInstance answers MasterUserSecret
        // with ManageMasterUserPassword; API reference, "MasterUserSecret"), minutes before the instance is
        // available: the policy that names it, and the proxy that logs in with it (CreateDBProxy takes the
        // secret, the role and the subnets, not the instance), start then.
        Map<ResourceKey, String> secretOnly = Map.of(INSTANCE, SECRET_ARN);
        var policy = new IamRolePolicyHandler.Desired(PROXY_ROLE, PROXY_ROLE_POLICY_NAME, statements);
        nodes.add(PROXY_ROLE_POLICY, policy, policy.dependencies(), secretOnly);
        var proxyDependencies =
                new ArrayList<ResourceKey>(List.of(INSTANCE, PROXY_ROLE, PROXY_ROLE_POLICY, proxyGroup));
        proxyDependencies.addAll(privateSubnets);
        nodes.add(
                PROXY,
                new DbProxyHandler.Desired(database.engine(), privateSubnets, proxyGroup, INSTANCE, PROXY_ROLE),
                proxyDependencies,
                secretOnly);
        // NOTE: the instance is READY only once available, and only an available instance can be registered
        nodes.add(PROXY_TARGET, new DbProxyTargetHandler.Desired(PROXY, INSTANCE), PROXY, INSTANCE);
        return nodes.list();
    }

    /**
     * The final snapshot teardown asked for: with {@code onDelete} {@code snapshot}, once the instance's
     * deletion has started (its record DELETING or DELETED).
     */
    public static Optional<String> finalSnapshot(Environment environment, ResourceRecord instance) {
        EnvironmentSpec spec = environment.spec();
        if (instance == null
                || instance.physicalId() == null
                || !spec.hasRelationalDatabase()
                || spec.database().onDeleteOrDefault() != OnDelete.SNAPSHOT
                || (instance.state() != ResourceState.DELETING && instance.state() != ResourceState.DELETED)) {
            return Optional.empty();
        }
        return Optional.of(RdsNames.finalSnapshot(instance.physicalId(), environment.id()));
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
