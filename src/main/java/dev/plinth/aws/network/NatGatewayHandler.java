package dev.plinth.aws.network;

import dev.plinth.aws.RegionalClient;
import dev.plinth.engine.Observation;
import dev.plinth.engine.Readiness;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import dev.plinth.engine.ResourceKey;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.NatGateway;
import software.amazon.awssdk.services.ec2.model.NatGatewayState;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** A public NAT gateway in a public subnet, with its Elastic IP. Takes about two minutes on AWS. */
@Component
class NatGatewayHandler extends Ec2Handler<NatGatewayHandler.Desired, NatGateway> {

    record Desired(ResourceKey subnet, ResourceKey elasticIp) implements ResourceDesired {}

    private static final Duration POLL = Duration.ofSeconds(10);
    private static final String DELETING = NatGatewayState.DELETING.toString();

    NatGatewayHandler(RegionalClient<Ec2Client> client) {
        super(client, Desired.class, "AWS::EC2::NatGateway", NatGateway::natGatewayId, NatGateway::tags);
    }

    @Override
    protected List<NatGateway> describe(Ec2Client ec2, Ec2Query query) {
        return ec2.describeNatGateways(r -> query.applyTo(r::natGatewayIds, r::filter))
                .natGateways();
    }

    /** NOTE: a deleted NAT gateway stays listed, in state "deleted", for about an hour: that counts as gone. */
    @Override
    protected boolean exists(NatGateway nat) {
        return nat.state() != NatGatewayState.DELETED;
    }

    @Override
    protected Readiness readiness(NatGateway nat) {
        return switch (nat.state()) {
            case AVAILABLE -> Readiness.READY;
            case FAILED ->
                Readiness.failed("NAT gateway " + nat.natGatewayId() + " failed: " + nat.failureCode() + ": "
                        + nat.failureMessage());
            default -> Readiness.pending(nat.stateAsString(), POLL);
        };
    }

    /** NOTE: EC2 honours the client token; the emulator ignores it, so a lost id is found again by tag. */
    @Override
    public String create(ResourceContext context, Desired desired) {
        return client(context)
                .createNatGateway(r -> r.subnetId(context.idOf(desired.subnet()))
                        .allocationId(context.idOf(desired.elasticIp()))
                        .clientToken(context.idempotencyToken())
                        .tagSpecifications(Ec2Tags.on(ResourceType.NATGATEWAY, context)))
                .natGateway()
                .natGatewayId();
    }

    @Override
    public void delete(ResourceContext context, Desired desired, Observation observed) {
        if (pendingIn(observed, DELETING)) {
            return;
        }
        client(context).deleteNatGateway(r -> r.natGatewayId(observed.physicalId()));
    }
}
