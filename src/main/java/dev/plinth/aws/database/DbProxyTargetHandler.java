package dev.plinth.aws.database;

import dev.plinth.aws.AwsHandler;
import dev.plinth.aws.Describe;
import dev.plinth.aws.RegionalClient;
import dev.plinth.engine.Observation;
import dev.plinth.engine.Readiness;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import dev.plinth.engine.ResourceKey;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBProxyTarget;
import software.amazon.awssdk.services.rds.model.TargetHealth;
import software.amazon.awssdk.services.rds.model.TargetState;
import software.amazon.awssdk.services.rds.model.TargetType;

/**
 * The instance registered in the proxy's default target group (what CloudFormation calls the
 * DBProxyTargetGroup). Registered only once the instance is available; the id is
 * {@code <proxy>/<instance>}.
 */
@Component
class DbProxyTargetHandler extends AwsHandler<DbProxyTargetHandler.Desired, RdsClient> {

    record Desired(ResourceKey proxy, ResourceKey instance) implements ResourceDesired {}

    /** The target group every proxy has; the only one a proxy can use. */
    static final String DEFAULT_TARGET_GROUP = "default";

    private static final Duration POLL = Duration.ofSeconds(10);

    DbProxyTargetHandler(RegionalClient<RdsClient> client) {
        super(client, Desired.class, "AWS::RDS::DBProxyTargetGroup");
    }

    /**
     * NOTE: the emulator answers HTTP 500 to DescribeDBProxyTargets for an unknown proxy, so the
     * proxy is looked up first: without it there is no target.
     */
    @Override
    public Optional<Observation> observe(ResourceContext context, Desired desired) {
        String proxy = context.idOf(desired.proxy());
        String instance = context.idOf(desired.instance());
        if (DbProxyHandler.find(client(context), proxy).isEmpty()) {
            return Optional.empty();
        }
        return Describe.optional(() -> client(context)
                        .describeDBProxyTargets(r -> r.dbProxyName(proxy).targetGroupName(DEFAULT_TARGET_GROUP))
                        .targets()
                        .stream()
                        .filter(t -> t.type() == TargetType.RDS_INSTANCE && instance.equals(t.rdsResourceId()))
                        .findFirst())
                .map(target -> Observation.of(id(proxy, instance), readiness(target)));
    }

    private static Readiness readiness(DBProxyTarget target) {
        TargetHealth health = target.targetHealth();
        if (health != null && health.state() == TargetState.AVAILABLE) {
            return Readiness.READY;
        }
        // NOTE: UNAVAILABLE is often passing (the proxy still connecting, PENDING_PROXY_CAPACITY): the readiness
        // timeout decides
        String detail = health == null
                ? "no health yet"
                : health.stateAsString()
                        + (health.reason() == null ? "" : " (" + health.reasonAsString() + ")")
                        + (health.description() == null ? "" : ": " + health.description());
        return Readiness.pending(detail, POLL);
    }

    /** NOTE: the emulator registers the same instance twice if asked twice: the engine observes before it creates again. */
    @Override
    public String create(ResourceContext context, Desired desired) {
        String proxy = context.idOf(desired.proxy());
        String instance = context.idOf(desired.instance());
        client(context)
                .registerDBProxyTargets(r -> r.dbProxyName(proxy)
                        .targetGroupName(DEFAULT_TARGET_GROUP)
                        .dbInstanceIdentifiers(instance));
        return id(proxy, instance);
    }

    @Override
    public void delete(ResourceContext context, Desired desired, Observation observed) {
        client(context)
                .deregisterDBProxyTargets(r -> r.dbProxyName(context.idOf(desired.proxy()))
                        .targetGroupName(DEFAULT_TARGET_GROUP)
                        .dbInstanceIdentifiers(context.idOf(desired.instance())));
    }

    private static String id(String proxy, String instance) {
        return proxy + "/" + instance;
    }
}
