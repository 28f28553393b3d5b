package dev.plinth.aws.network;

import dev.plinth.aws.AwsClients;
import dev.plinth.aws.Describe;
import dev.plinth.engine.DeleteBlocker;
import dev.plinth.engine.Observation;
import dev.plinth.engine.Readiness;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import dev.plinth.engine.ResourceHandler;
import dev.plinth.engine.Retagger;
import dev.plinth.engine.TagChanges;
import java.util.Optional;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.DomainType;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** An Elastic IP for a NAT gateway. Released only once its NAT gateway is gone. */
@Component
class ElasticIpHandler implements ResourceHandler<ElasticIpHandler.Desired>, Retagger {

    record Desired() implements ResourceDesired {}

    private final AwsClients aws;

    ElasticIpHandler(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public Class<Desired> desiredType() {
        return Desired.class;
    }

    @Override
    public String kind() {
        return "AWS::EC2::EIP";
    }

    @Override
    public Optional<Observation> observe(ResourceContext context, Desired desired) {
        Ec2Client ec2 = aws.ec2(context.region());
        return Ec2Tags.find(context,
                id -> ec2.describeAddresses(r -> r.allocationIds(id)).addresses(),
                () -> ec2.describeAddresses(r -> r.filters(Ec2Tags.ownedBy(context))).addresses(),
                Address::tags)
                .map(address -> new Observation(address.allocationId(), Readiness.READY,
                        context.tagDifferences(Ec2Tags.map(address.tags()))));
    }

    @Override
    public String create(ResourceContext context, Desired desired) {
        return aws.ec2(context.region())
                .allocateAddress(r -> r.domain(DomainType.VPC).tagSpecifications(Ec2Tags.on(ResourceType.ELASTIC_IP, context)))
                .allocationId();
    }

    /**
     * Its association: the address of a deleted NAT gateway stays associated with the gateway's interface
     * while the gateway is deleting and a little after, and ReleaseAddress then answers AuthFailure (not an
     * "in use" error: it cannot be told from a real denial), so the release waits for the association to go.
     * Sources: kubernetes/kops issue 938, eformat/sno-for-100 issue 9; terraform-provider-aws waits for the
     * gateway's deleted state (vpc_nat_gateway.go) before the address is released.
     */
    @Override
    public Optional<DeleteBlocker> deleteBlockedBy(ResourceContext context, Desired desired, Observation observed) {
        Ec2Client ec2 = aws.ec2(context.region());
        return Describe.orNone(() -> ec2.describeAddresses(r -> r.allocationIds(observed.physicalId())).addresses()).stream()
                .filter(a -> a.associationId() != null)
                .findFirst()
                .map(a -> new DeleteBlocker(a.allocationId() + " (" + a.publicIp() + ") to be let go by "
                        + (a.networkInterfaceId() == null ? a.instanceId() : NetworkInterfaces.named(ec2, a.networkInterfaceId())),
                        "a NAT gateway lets go of its address once it is deleted; anything else holding it must let go:"
                                + " aws ec2 disassociate-address --association-id " + a.associationId()));
    }

    /** An association made just after that check answers InvalidIPAddress.InUse: a dependency, waited out. */
    @Override
    public void delete(ResourceContext context, Desired desired, Observation observed) {
        aws.ec2(context.region()).releaseAddress(r -> r.allocationId(observed.physicalId()));
    }

    @Override
    public void retag(ResourceContext context, Observation observed, TagChanges changes) {
        Ec2Tags.retag(aws, context, observed.physicalId(), changes);
    }
}
