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
import dev.plinth.engine.StepRefusedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.IpAddressType;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;

/**
 * The internet-facing Application Load Balancer in the public subnets. About two and a half minutes
 * on AWS ({@code provisioning}, then {@code active}). Its name is unique per region, and it is found
 * again by that name once its tags prove it is this environment's.
 */
@Component
class LoadBalancerHandler extends TaggedAwsHandler<LoadBalancerHandler.Desired, ElasticLoadBalancingV2Client> {

    record Desired(List<ResourceKey> subnets, ResourceKey securityGroup) implements ResourceDesired {

        Desired {
            subnets = List.copyOf(subnets);
        }
    }

    static final String SUBNETS = "subnets";
    static final String SECURITY_GROUPS = "securityGroups";

    private static final Duration POLL = Duration.ofSeconds(15);

    LoadBalancerHandler(RegionalClient<ElasticLoadBalancingV2Client> client) {
        super(client, Desired.class, "AWS::ElasticLoadBalancingV2::LoadBalancer", Elb::retag);
    }

    @Override
    public Optional<Observation> observe(ResourceContext context, Desired desired) {
        ElasticLoadBalancingV2Client elb = client(context);
        return find(elb, context).map(lb -> {
            var differences = new ArrayList<>(context.tagDifferences(Elb.tagsOf(elb, lb.loadBalancerArn())));
            var subnets = new TreeSet<>(lb.availabilityZones().stream()
                    .map(AvailabilityZone::subnetId)
                    .toList());
            var wantedSubnets =
                    new TreeSet<>(desired.subnets().stream().map(context::idOf).toList());
            Differences.compare(differences, SUBNETS, wantedSubnets, subnets);
            var groups = new TreeSet<>(lb.securityGroups());
            var wantedGroups = new TreeSet<>(List.of(context.idOf(desired.securityGroup())));
            Differences.compare(differences, SECURITY_GROUPS, wantedGroups, groups);
            return new Observation(
                    lb.loadBalancerArn(),
                    readiness(lb),
                    differences,
                    Map.of(
                            LoadBalancerLayer.ARN, lb.loadBalancerArn(),
                            LoadBalancerLayer.DNS_NAME, lb.dnsName(),
                            LoadBalancerLayer.METRIC_DIMENSION,
                                    Elb.dimension(lb.loadBalancerArn(), "loadbalancer/", false)));
        });
    }

    private static Readiness readiness(LoadBalancer lb) {
        return switch (lb.state().code()) {
            case ACTIVE, ACTIVE_IMPAIRED -> Readiness.READY;
            case FAILED ->
                Readiness.failed("load balancer " + lb.loadBalancerName() + " failed: "
                        + lb.state().reason());
            default -> Readiness.pending(lb.state().codeAsString(), POLL);
        };
    }

    /** By the recorded ARN, else by name, but only when the tags say it is this environment's. */
    private static Optional<LoadBalancer> find(ElasticLoadBalancingV2Client elb, ResourceContext context) {
        return Lookup.byIdElse(
                context,
                arn -> elb.describeLoadBalancers(r -> r.loadBalancerArns(arn)).loadBalancers(),
                () -> byName(elb, context).filter(lb -> Elb.owns(elb, context, lb.loadBalancerArn())));
    }

    private static Optional<LoadBalancer> byName(ElasticLoadBalancingV2Client elb, ResourceContext context) {
        return Describe.orNone(() -> elb.describeLoadBalancers(r -> r.names(Elb.name(context, "")))
                        .loadBalancers())
                .stream()
                .findFirst();
    }

    /**
     * NOTE: the emulator answers a second CreateLoadBalancer of the same name with success (AWS does
     * too when the settings match), so the name is looked up first.
     */
    @Override
    public String create(ResourceContext context, Desired desired) {
        ElasticLoadBalancingV2Client elb = client(context);
        String name = Elb.name(context, "");
        Optional<LoadBalancer> existing = byName(elb, context);
        if (existing.isPresent()) {
            if (Elb.owns(elb, context, existing.get().loadBalancerArn())) {
                return existing.get().loadBalancerArn();
            }
            throw new StepRefusedException(
                    "NameTaken", "the load balancer name " + name + " is taken by one this environment did not make");
        }
        return elb.createLoadBalancer(r -> r.name(name)
                        .type(LoadBalancerTypeEnum.APPLICATION)
                        .scheme(LoadBalancerSchemeEnum.INTERNET_FACING)
                        .ipAddressType(IpAddressType.IPV4)
                        .subnets(desired.subnets().stream().map(context::idOf).toList())
                        .securityGroups(context.idOf(desired.securityGroup()))
                        .tags(Elb.TAGS.of(context)))
                .loadBalancers()
                .getFirst()
                .loadBalancerArn();
    }

    @Override
    public void update(ResourceContext context, Desired desired, Observation observed) {
        ElasticLoadBalancingV2Client elb = client(context);
        for (Difference d : retagThenSettings(context, observed)) {
            switch (d.attribute()) {
                case SUBNETS ->
                    elb.setSubnets(r -> r.loadBalancerArn(observed.physicalId())
                            .subnets(desired.subnets().stream()
                                    .map(context::idOf)
                                    .toList()));
                case SECURITY_GROUPS ->
                    elb.setSecurityGroups(r -> r.loadBalancerArn(observed.physicalId())
                            .securityGroups(context.idOf(desired.securityGroup())));
                default -> throw new IllegalArgumentException("cannot change " + d.attribute() + " of a load balancer");
            }
        }
    }

    /** NOTE: the emulator answers DeleteLoadBalancer for an unknown ARN with success; observe decides when it is gone. */
    @Override
    public void delete(ResourceContext context, Desired desired, Observation observed) {
        client(context).deleteLoadBalancer(r -> r.loadBalancerArn(observed.physicalId()));
    }
}
