package dev.plinth.aws.database;

import dev.plinth.aws.Differences;
import dev.plinth.aws.RegionalClient;
import dev.plinth.aws.iam.IamRoleHandler;
import dev.plinth.engine.Difference;
import dev.plinth.engine.Observation;
import dev.plinth.engine.Readiness;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import dev.plinth.engine.ResourceKey;
import dev.plinth.spec.DatabaseEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.AuthScheme;
import software.amazon.awssdk.services.rds.model.DBProxy;
import software.amazon.awssdk.services.rds.model.DBProxyStatus;
import software.amazon.awssdk.services.rds.model.EngineFamily;
import software.amazon.awssdk.services.rds.model.IAMAuthMode;
import software.amazon.awssdk.services.rds.model.ModifyDbProxyRequest;
import software.amazon.awssdk.services.rds.model.UserAuthConfig;
import software.amazon.awssdk.services.rds.model.UserAuthConfigInfo;

/**
 * The RDS Proxy in front of the instance: in the private subnets and the proxy security group, TLS
 * required, authenticating to the database with the instance's RDS-managed secret, which it reads
 * through its own IAM role. Named after the environment, so a lost create is found by name.
 */
@Component
class DbProxyHandler extends RdsHandler<DbProxyHandler.Desired> {

    /**
     * @param instance the DB instance whose master secret the proxy logs in with
     * @param role     the role the proxy assumes to read that secret
     */
    record Desired(
            DatabaseEngine engine,
            List<ResourceKey> subnets,
            ResourceKey securityGroup,
            ResourceKey instance,
            ResourceKey role)
            implements ResourceDesired {

        Desired {
            subnets = List.copyOf(subnets);
            engineFamily(engine);
        }
    }

    static final String SECURITY_GROUPS = "vpcSecurityGroupIds";
    static final String ROLE = "roleArn";
    static final String SECRET = "auth.secretArn";
    static final String REQUIRE_TLS = "requireTLS";

    /** States the proxy does not leave without a change of configuration or quota. */
    private static final Set<DBProxyStatus> FAILED =
            Set.of(DBProxyStatus.INCOMPATIBLE_NETWORK, DBProxyStatus.INSUFFICIENT_RESOURCE_LIMITS);

    private static final String DELETING = DBProxyStatus.DELETING.toString();
    private static final Duration POLL = Duration.ofSeconds(15);

    DbProxyHandler(RegionalClient<RdsClient> client) {
        super(client, Desired.class, "AWS::RDS::DBProxy");
    }

    static EngineFamily engineFamily(DatabaseEngine engine) {
        return switch (engine) {
            case POSTGRES -> EngineFamily.POSTGRESQL;
            case MYSQL -> EngineFamily.MYSQL;
            case DYNAMODB -> throw new IllegalArgumentException("a proxy needs an RDS engine, not " + engine);
        };
    }

    /** NOTE: the emulator answers HTTP 500 to a delete of an unknown proxy: the engine deletes only what this finds. */
    @Override
    public Optional<Observation> observe(ResourceContext context, Desired desired) {
        return find(client(context), name(context))
                .map(proxy -> new Observation(
                        proxy.dbProxyName(),
                        readiness(proxy),
                        differences(context, desired, proxy),
                        attributes(proxy)));
    }

    /** The proxy of this name, if AWS has it. */
    static Optional<DBProxy> find(RdsClient rds, String name) {
        return named(name, () -> rds.describeDBProxies(r -> r.dbProxyName(name)).dbProxies(), DBProxy::dbProxyName);
    }

    private static Readiness readiness(DBProxy proxy) {
        if (proxy.status() == DBProxyStatus.AVAILABLE) {
            return proxy.endpoint() == null
                    ? Readiness.pending("available, without its endpoint yet", POLL)
                    : Readiness.READY;
        }
        if (FAILED.contains(proxy.status())) {
            return Readiness.failed("DB proxy " + proxy.dbProxyName() + " is " + proxy.statusAsString());
        }
        return Readiness.pending(proxy.statusAsString(), POLL);
    }

    /**
     * What ModifyDBProxy can change, and the tags, compared once the proxy is available (AWS modifies
     * nothing before); the subnets and engine family cannot be changed in place.
     */
    private List<Difference> differences(ResourceContext context, Desired desired, DBProxy proxy) {
        if (proxy.status() != DBProxyStatus.AVAILABLE) {
            return List.of();
        }
        var differences = new ArrayList<>(context.tagDifferences(RdsTags.of(client(context), proxy.dbProxyArn())));
        Differences.compare(
                differences,
                SECURITY_GROUPS,
                Set.of(context.idOf(desired.securityGroup())),
                new TreeSet<>(proxy.vpcSecurityGroupIds()));
        Differences.compare(
                differences, ROLE, context.attributeOf(desired.role(), IamRoleHandler.ARN), proxy.roleArn());
        Differences.compare(
                differences,
                SECRET,
                List.of(secretArn(context, desired)),
                proxy.auth().stream().map(UserAuthConfigInfo::secretArn).toList());
        Differences.compare(differences, REQUIRE_TLS, true, proxy.requireTLS());
        return differences;
    }

    private static Map<String, String> attributes(DBProxy proxy) {
        var attributes = new LinkedHashMap<String, String>();
        if (proxy.endpoint() != null) {
            attributes.put(DataLayer.ENDPOINT, proxy.endpoint());
        }
        if (proxy.dbProxyArn() != null) {
            attributes.put(DataLayer.ARN, proxy.dbProxyArn());
        }
        return attributes;
    }

    @Override
    public String create(ResourceContext context, Desired desired) {
        return client(context)
                .createDBProxy(r -> r.dbProxyName(RdsNames.of(context))
                        .engineFamily(engineFamily(desired.engine()))
                        .auth(auth(context, desired))
                        .roleArn(context.attributeOf(desired.role(), IamRoleHandler.ARN))
                        .vpcSubnetIds(
                                desired.subnets().stream().map(context::idOf).toList())
                        .vpcSecurityGroupIds(context.idOf(desired.securityGroup()))
                        .requireTLS(true)
                        .tags(RdsTags.TAGS.of(context)))
                .dbProxy()
                .dbProxyName();
    }

    /** NOTE: the emulator does not implement ModifyDBProxy (it answers HTTP 500). */
    @Override
    public void update(ResourceContext context, Desired desired, Observation observed) {
        List<Difference> settings = retagThenSettings(context, observed);
        if (settings.isEmpty()) {
            return;
        }
        ModifyDbProxyRequest.Builder request = ModifyDbProxyRequest.builder().dbProxyName(observed.physicalId());
        for (Difference d : settings) {
            switch (d.attribute()) {
                case SECURITY_GROUPS -> request.securityGroups(context.idOf(desired.securityGroup()));
                case ROLE -> request.roleArn(context.attributeOf(desired.role(), IamRoleHandler.ARN));
                case SECRET -> request.auth(auth(context, desired));
                case REQUIRE_TLS -> request.requireTLS(true);
                default -> throw new IllegalArgumentException("cannot change " + d.attribute() + " of a DB proxy");
            }
        }
        client(context).modifyDBProxy(request.build());
    }

    @Override
    public void delete(ResourceContext context, Desired desired, Observation observed) {
        if (pendingIn(observed, DELETING)) {
            return;
        }
        client(context).deleteDBProxy(r -> r.dbProxyName(observed.physicalId()));
    }

    private static UserAuthConfig auth(ResourceContext context, Desired desired) {
        return UserAuthConfig.builder()
                .authScheme(AuthScheme.SECRETS)
                .secretArn(secretArn(context, desired))
                .iamAuth(IAMAuthMode.DISABLED)
                .description("the database's master user, from its RDS-managed secret")
                .build();
    }

    private static String secretArn(ResourceContext context, Desired desired) {
        return context.attributeOf(desired.instance(), DataLayer.SECRET_ARN);
    }
}
