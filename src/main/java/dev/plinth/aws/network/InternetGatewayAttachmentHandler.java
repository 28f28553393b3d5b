package dev.plinth.aws.network;

import dev.plinth.aws.AwsHandler;
import dev.plinth.aws.Describe;
import dev.plinth.aws.RegionalClient;
import dev.plinth.engine.DeleteBlocker;
import dev.plinth.engine.Observation;
import dev.plinth.engine.Readiness;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import dev.plinth.engine.ResourceKey;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AttachmentStatus;
import software.amazon.awssdk.services.ec2.model.InternetGateway;
import software.amazon.awssdk.services.ec2.model.InternetGatewayAttachment;

/** The internet gateway attached to the VPC. Its id is {@code igw-…|vpc-…}: AWS gives attachments none. */
@Component
class InternetGatewayAttachmentHandler extends AwsHandler<InternetGatewayAttachmentHandler.Desired, Ec2Client> {

    record Desired(ResourceKey gateway, ResourceKey vpc) implements ResourceDesired {}

    InternetGatewayAttachmentHandler(RegionalClient<Ec2Client> client) {
        super(client, Desired.class, "AWS::EC2::VPCGatewayAttachment");
    }

    @Override
    public Optional<Observation> observe(ResourceContext context, Desired desired) {
        String gatewayId = context.idOf(desired.gateway());
        String vpcId = context.idOf(desired.vpc());
        List<InternetGateway> gateways = Describe.orNone(() -> client(context)
                .describeInternetGateways(r -> r.internetGatewayIds(gatewayId))
                .internetGateways());
        return gateways.stream()
                .flatMap(g -> g.attachments().stream())
                .filter(a -> vpcId.equals(a.vpcId()) && a.state() != AttachmentStatus.DETACHED)
                .findFirst()
                .map(a -> Observation.of(gatewayId + "|" + vpcId, readiness(a)));
    }

    private static Readiness readiness(InternetGatewayAttachment attachment) {
        // NOTE: EC2 reports an attached internet gateway as "available", not "attached"
        String state = attachment.stateAsString();
        return "available".equals(state) || "attached".equals(state)
                ? Readiness.READY
                : Readiness.pending(state, Duration.ofSeconds(2));
    }

    @Override
    public String create(ResourceContext context, Desired desired) {
        String gatewayId = context.idOf(desired.gateway());
        String vpcId = context.idOf(desired.vpc());
        client(context)
                .attachInternetGateway(r -> r.internetGatewayId(gatewayId).vpcId(vpcId));
        return gatewayId + "|" + vpcId;
    }

    /**
     * The public addresses still mapped in the VPC: AWS answers DetachInternetGateway with
     * DependencyViolation ("has some mapped public address(es)") while a network interface there has one,
     * as those of a deleted internet-facing load balancer or NAT gateway do for minutes (EC2 API reference,
     * DetachInternetGateway; terraform-provider-aws vpc_internet_gateway.go retries that error).
     */
    @Override
    public Optional<DeleteBlocker> deleteBlockedBy(ResourceContext context, Desired desired, Observation observed) {
        return NetworkInterfaces.withPublicAddress(client(context), context.idOf(desired.vpc()));
    }

    /** An address mapped just after that check answers DependencyViolation: waited out. */
    @Override
    public void delete(ResourceContext context, Desired desired, Observation observed) {
        client(context)
                .detachInternetGateway(r ->
                        r.internetGatewayId(context.idOf(desired.gateway())).vpcId(context.idOf(desired.vpc())));
    }
}
