package dev.plinth.aws.loadbalancer;

import dev.plinth.aws.Describe;
import dev.plinth.aws.Differences;
import dev.plinth.aws.Lookup;
import dev.plinth.aws.RegionalClient;
import dev.plinth.aws.TaggedAwsHandler;
import dev.plinth.engine.Observation;
import dev.plinth.engine.Readiness;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import dev.plinth.engine.ResourceKey;
import java.util.ArrayList;
import java.util.Optional;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;

/**
 * An HTTP listener of the load balancer whose default action forwards to the target group. A load
 * balancer has at most one listener per port, so a lost create is found by the port.
 */
@Component
class ListenerHandler extends TaggedAwsHandler<ListenerHandler.Desired, ElasticLoadBalancingV2Client> {

    record Desired(ResourceKey loadBalancer, ResourceKey targetGroup, int port) implements ResourceDesired {}

    static final String FORWARD_TO = "forwardTo";

    ListenerHandler(RegionalClient<ElasticLoadBalancingV2Client> client) {
        super(client, Desired.class, "AWS::ElasticLoadBalancingV2::Listener", Elb::retag);
    }

    @Override
    public Optional<Observation> observe(ResourceContext context, Desired desired) {
        ElasticLoadBalancingV2Client elb = client(context);
        return find(elb, context, desired).map(listener -> {
            String wanted = context.idOf(desired.targetGroup());
            String actual = forwardTarget(listener);
            var differences = new ArrayList<>(context.tagDifferences(Elb.tagsOf(elb, listener.listenerArn())));
            Differences.compareText(differences, FORWARD_TO, wanted, actual);
            return new Observation(listener.listenerArn(), Readiness.READY, differences);
        });
    }

    private static String forwardTarget(Listener listener) {
        return listener.defaultActions().stream()
                .filter(a -> a.type() == ActionTypeEnum.FORWARD)
                .map(Action::targetGroupArn)
                .findFirst()
                .orElse(null);
    }

    private static Optional<Listener> find(ElasticLoadBalancingV2Client elb, ResourceContext context, Desired desired) {
        return Lookup.byIdElse(
                context,
                arn -> elb.describeListeners(r -> r.listenerArns(arn)).listeners(),
                () -> onPort(elb, context, desired));
    }

    private static Optional<Listener> onPort(
            ElasticLoadBalancingV2Client elb, ResourceContext context, Desired desired) {
        String loadBalancer = context.idOf(desired.loadBalancer());
        return Describe.orNone(() -> elb.describeListeners(r -> r.loadBalancerArn(loadBalancer))
                        .listeners())
                .stream()
                .filter(l -> l.port() != null && l.port() == desired.port())
                .findFirst();
    }

    /**
     * NOTE: the emulator answers a second CreateListener on the same port with success (AWS refuses
     * it unless the settings match), so the port is looked up first.
     */
    @Override
    public String create(ResourceContext context, Desired desired) {
        ElasticLoadBalancingV2Client elb = client(context);
        Optional<Listener> existing = onPort(elb, context, desired);
        if (existing.isPresent()) {
            return existing.get().listenerArn();
        }
        return elb.createListener(r -> r.loadBalancerArn(context.idOf(desired.loadBalancer()))
                        .protocol(ProtocolEnum.HTTP)
                        .port(desired.port())
                        .defaultActions(forward(context, desired))
                        .tags(Elb.TAGS.of(context)))
                .listeners()
                .getFirst()
                .listenerArn();
    }

    @Override
    public void update(ResourceContext context, Desired desired, Observation observed) {
        retagThenChange(
                context,
                observed,
                FORWARD_TO,
                elb -> elb.modifyListener(
                        r -> r.listenerArn(observed.physicalId()).defaultActions(forward(context, desired))));
    }

    @Override
    public void delete(ResourceContext context, Desired desired, Observation observed) {
        client(context).deleteListener(r -> r.listenerArn(observed.physicalId()));
    }

    private static Action forward(ResourceContext context, Desired desired) {
        return Action.builder()
                .type(ActionTypeEnum.FORWARD)
                .targetGroupArn(context.idOf(desired.targetGroup()))
                .build();
    }
}
