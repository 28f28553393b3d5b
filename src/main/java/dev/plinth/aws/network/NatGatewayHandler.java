package dev.plinth.aws.network;

import dev.plinth.aws.AwsClients;
import dev.plinth.engine.Observation;
import dev.plinth.engine.Readiness;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import dev.plinth.engine.ResourceHandler;
import dev.plinth.engine.ResourceKey;
import dev.plinth.engine.Retagger;
import dev.plinth.engine.TagChanges;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.NatGateway;
import software.amazon.awssdk.services.ec2.model.NatGatewayState;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** A public NAT gateway in a public subnet, with its Elastic IP. Takes about two minutes on AWS. */
@Component
class NatGatewayHandler implements ResourceHandler<NatGatewayHandler.Desired>, Retagger {

    record Desired(ResourceKey subnet, ResourceKey elasticIp) implements ResourceDesired {}

    private static final Duration POLL = Duration.ofSeconds(10);
    private static final String DELETING = NatGatewayState.DELETING.toString();

    private final AwsClients aws;

    NatGatewayHandler(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public Class<Desired> desiredType() {
        return Desired.class;
    }

    @Override
    public String kind() {
        return "AWS::EC2::NatGateway";
    }

    /** NOTE: a deleted NAT gateway stays listed, in state "deleted", for about an hour: that counts as gone. */
    @Override
    public Optional<Observation> observe(ResourceContext context, Desired desired) {
        Ec2Client ec2 = aws.ec2(context.region());
        return Ec2Tags.find(
                        context,
                        id -> live(ec2.describeNatGateways(r -> r.natGatewayIds(id))
                                .natGateways()),
                        () -> live(ec2.describeNatGateways(r -> r.filter(Ec2Tags.ownedBy(context)))
                                .natGateways()),
                        NatGateway::tags)
                .map(nat -> new Observation(
                        nat.natGatewayId(), readiness(nat), context.tagDifferences(Ec2Tags.map(nat.tags()))));
    }

    private static List<NatGateway> live(List<NatGateway> gateways) {
        return gateways.stream()
                .filter(n -> n.state() != NatGatewayState.DELETED)
                .toList();
    }

    private static Readiness readiness(NatGateway nat) {
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
        return aws.ec2(context.region())
                .createNatGateway(r -> r.subnetId(context.idOf(desired.subnet()))
                        .allocationId(context.idOf(desired.elasticIp()))
                        .clientToken(context.idempotencyToken())
                        .tagSpecifications(Ec2Tags.on(ResourceType.NATGATEWAY, context)))
                .natGateway()
                .natGatewayId();
    }

    @Override
    public void delete(ResourceContext context, Desired desired, Observation observed) {
        if (observed.readiness() instanceof Readiness.Pending p && DELETING.equals(p.detail())) {
            return;
        }
        aws.ec2(context.region()).deleteNatGateway(r -> r.natGatewayId(observed.physicalId()));
    }

    @Override
    public void retag(ResourceContext context, Observation observed, TagChanges changes) {
        Ec2Tags.retag(aws, context, observed.physicalId(), changes);
    }
}
