package dev.plinth.aws.network;

import dev.plinth.aws.AwsErrors;
import dev.plinth.aws.Describe;
import dev.plinth.aws.RegionalClient;
import dev.plinth.engine.DeleteBlocker;
import dev.plinth.engine.Observation;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.DomainType;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** An Elastic IP for a NAT gateway. Released only once its NAT gateway is gone. */
@Component
class ElasticIpHandler extends Ec2Handler<ElasticIpHandler.Desired, Address> {

    /** EC2's code for an address still in use, which the retry policy waits out. */
    private static final String IN_USE = "InvalidIPAddress.InUse";

    record Desired() implements ResourceDesired {}

    ElasticIpHandler(RegionalClient<Ec2Client> client) {
        super(client, Desired.class, "AWS::EC2::EIP", Address::allocationId, Address::tags);
    }

    @Override
    protected List<Address> describe(Ec2Client ec2, Ec2Query query) {
        return ec2.describeAddresses(r -> query.applyTo(r::allocationIds, r::filters))
                .addresses();
    }

    @Override
    public String create(ResourceContext context, Desired desired) {
        return client(context)
                .allocateAddress(
                        r -> r.domain(DomainType.VPC).tagSpecifications(Ec2Tags.on(ResourceType.ELASTIC_IP, context)))
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
        Ec2Client ec2 = client(context);
        return Describe.orNone(() -> ec2.describeAddresses(r -> r.allocationIds(observed.physicalId()))
                        .addresses())
                .stream()
                .filter(a -> a.associationId() != null)
                .filter(a -> !heldByDeletedNatGateway(ec2, a))
                .findFirst()
                .map(a -> new DeleteBlocker(
                        a.allocationId() + " (" + a.publicIp() + ") to be let go by "
                                + (a.networkInterfaceId() == null
                                        ? a.instanceId()
                                        : NetworkInterfaces.named(ec2, a.networkInterfaceId())),
                        "a NAT gateway lets go of its address once it is deleted; anything else holding it must let go:"
                                + " aws ec2 disassociate-address --association-id " + a.associationId()));
    }

    /** Whether the address is held by the interface of a NAT gateway that is deleted, which lets go of it by itself. */
    private static boolean heldByDeletedNatGateway(Ec2Client ec2, Address address) {
        return address.networkInterfaceId() != null
                && NetworkInterfaces.ofDeletedNatGateways(ec2).contains(address.networkInterfaceId());
    }

    /** An association made just after that check answers InvalidIPAddress.InUse: a dependency, waited out. */
    @Override
    public void delete(ResourceContext context, Desired desired, Observation observed) {
        Ec2Client ec2 = client(context);
        try {
            ec2.releaseAddress(r -> r.allocationId(observed.physicalId()));
        } catch (AwsServiceException e) {
            // AWS answers AuthFailure ("You do not have permission to access the specified resource") for an
            // address its own association still holds: a NAT gateway's, for a while after the gateway is
            // deleted (kubernetes/kops issue 938, genevieve/leftovers issue 33). That is an address in use,
            // waited out until the kind's delete deadline; any other AuthFailure stays what it is.
            if (AwsErrors.hasCode(e, "AuthFailure") && stillHeldByDeletedNatGateway(ec2, observed.physicalId())) {
                throw e.toBuilder()
                        .awsErrorDetails(e.awsErrorDetails().toBuilder()
                                .errorCode(IN_USE)
                                .errorMessage(
                                        "the address is still held by a deleted NAT gateway's interface (AWS answered "
                                                + e.awsErrorDetails().errorCode() + ": "
                                                + e.awsErrorDetails().errorMessage() + ")")
                                .build())
                        .build();
            }
            throw e;
        }
    }

    private static boolean stillHeldByDeletedNatGateway(Ec2Client ec2, String allocationId) {
        return Describe.orNone(() -> ec2.describeAddresses(r -> r.allocationIds(allocationId))
                        .addresses())
                .stream()
                .anyMatch(a -> heldByDeletedNatGateway(ec2, a));
    }
}
