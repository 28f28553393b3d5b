package dev.plinth.aws.loadbalancer;

import dev.plinth.aws.Describe;
import dev.plinth.aws.Differences;
import dev.plinth.aws.Lookup;
import dev.plinth.aws.RegionalClient;
import dev.plinth.aws.TaggedAwsHandler;
import dev.plinth.engine.Difference;
import dev.plinth.engine.Observation;
import dev.plinth.engine.Readiness;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import dev.plinth.engine.ResourceKey;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Matcher;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * The target group the service registers its tasks in: HTTP to IP targets on the service port, with
 * the spec's health check path; any 2xx or 3xx answer counts as healthy. Its name is unique per
 * region (AWS and the emulator refuse a second one), so a lost create is found by name and tags.
 */
@Component
class TargetGroupHandler extends TaggedAwsHandler<TargetGroupHandler.Desired, ElasticLoadBalancingV2Client> {

    record Desired(ResourceKey vpc, int port, String healthCheckPath) implements ResourceDesired {}

    static final String SUFFIX = "-tg";
    static final String HEALTHY_CODES = "200-399";

    static final String HEALTH_CHECK_PATH = "healthCheckPath";
    static final String MATCHER = "matcher";
    static final String PORT = "port";

    TargetGroupHandler(RegionalClient<ElasticLoadBalancingV2Client> client) {
        super(client, Desired.class, "AWS::ElasticLoadBalancingV2::TargetGroup", Elb::retag);
    }

    @Override
    public Optional<Observation> observe(ResourceContext context, Desired desired) {
        ElasticLoadBalancingV2Client elb = client(context);
        return find(elb, context).map(tg -> {
            var differences = new ArrayList<>(context.tagDifferences(Elb.tagsOf(elb, tg.targetGroupArn())));
            Differences.compareText(differences, HEALTH_CHECK_PATH, desired.healthCheckPath(), tg.healthCheckPath());
            String matcher = tg.matcher() == null ? null : tg.matcher().httpCode();
            Differences.compareText(differences, MATCHER, HEALTHY_CODES, matcher);
            if (tg.port() != desired.port()) {
                differences.add(new Difference(PORT, String.valueOf(desired.port()), String.valueOf(tg.port())));
            }
            return new Observation(
                    tg.targetGroupArn(),
                    Readiness.READY,
                    differences,
                    Map.of(
                            LoadBalancerLayer.ARN, tg.targetGroupArn(),
                            LoadBalancerLayer.METRIC_DIMENSION,
                                    Elb.dimension(tg.targetGroupArn(), "targetgroup/", true)));
        });
    }

    private static Optional<TargetGroup> find(ElasticLoadBalancingV2Client elb, ResourceContext context) {
        return Lookup.byIdElse(
                context,
                arn -> elb.describeTargetGroups(r -> r.targetGroupArns(arn)).targetGroups(),
                () -> byName(elb, context));
    }

    private static Optional<TargetGroup> byName(ElasticLoadBalancingV2Client elb, ResourceContext context) {
        return Describe.orNone(() -> elb.describeTargetGroups(r -> r.names(Elb.name(context, SUFFIX)))
                        .targetGroups())
                .stream()
                .filter(tg -> Elb.owns(elb, context, tg.targetGroupArn()))
                .findFirst();
    }

    @Override
    public String create(ResourceContext context, Desired desired) {
        return client(context)
                .createTargetGroup(r -> r.name(Elb.name(context, SUFFIX))
                        .protocol(ProtocolEnum.HTTP)
                        .port(desired.port())
                        .vpcId(context.idOf(desired.vpc()))
                        .targetType(TargetTypeEnum.IP)
                        .healthCheckPath(desired.healthCheckPath())
                        .matcher(Matcher.builder().httpCode(HEALTHY_CODES).build())
                        .tags(Elb.TAGS.of(context)))
                .targetGroups()
                .getFirst()
                .targetGroupArn();
    }

    /** The health check and the tags change in place; the port, protocol and target type cannot (a new group would be needed). */
    @Override
    public void update(ResourceContext context, Desired desired, Observation observed) {
        if (differs(observed, PORT)) {
            throw new UnsupportedOperationException(
                    kind() + " cannot change its port in place: " + observed.differences());
        }
        if (retaggedOnly(context, observed)) {
            return;
        }
        client(context)
                .modifyTargetGroup(r -> r.targetGroupArn(observed.physicalId())
                        .healthCheckPath(desired.healthCheckPath())
                        .matcher(Matcher.builder().httpCode(HEALTHY_CODES).build()));
    }

    /** The listener that forwards to it is a dependent, so it is gone first (AWS answers ResourceInUse otherwise). */
    @Override
    public void delete(ResourceContext context, Desired desired, Observation observed) {
        client(context).deleteTargetGroup(r -> r.targetGroupArn(observed.physicalId()));
    }
}
