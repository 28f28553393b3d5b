package dev.plinth.aws.network;

import dev.plinth.aws.AwsErrors;
import dev.plinth.aws.Describe;
import dev.plinth.engine.DeleteBlocker;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NatGatewayAddress;
import software.amazon.awssdk.services.ec2.model.NatGatewayState;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;

/**
 * Says who is still using a subnet or security group: the network interfaces in it and what owns them
 * (a load balancer, an RDS instance, a NAT gateway, a task…). AWS releases the interfaces of a deleted
 * load balancer, DB instance or proxy, NAT gateway, Fargate task or mount target minutes after it
 * (knowledge centre, "Why can't I delete my security group that's attached to my VPC?"; terraform-provider-aws
 * waits for them before deleting a subnet or group, vpc_network_interface.go deleteLingeringENIs).
 */
final class NetworkInterfaces {

    static final String DEPENDENCY_VIOLATION = "DependencyViolation";
    private static final int SHOWN = 5;

    private NetworkInterfaces() {}

    /**
     * The interfaces {@code where} finds in {@code place}, as what its delete waits for: while there are
     * any, AWS answers DeleteSubnet and DeleteSecurityGroup with DependencyViolation.
     */
    static Optional<DeleteBlocker> blocking(Ec2Client ec2, Filter where, String place) {
        return blocker(
                ec2,
                ec2.describeNetworkInterfaces(r -> r.filters(where)).networkInterfaces(),
                "released from " + place);
    }

    /** The interfaces in the VPC that carry a public address, as what detaching its internet gateway waits for. */
    static Optional<DeleteBlocker> withPublicAddress(Ec2Client ec2, String vpcId) {
        return blocker(
                ec2,
                ec2
                        .describeNetworkInterfaces(r -> r.filters(
                                Filter.builder().name("vpc-id").values(vpcId).build()))
                        .networkInterfaces()
                        .stream()
                        .filter(eni ->
                                eni.association() != null && eni.association().publicIp() != null)
                        .toList(),
                "released with their public addresses from " + vpcId);
    }

    /**
     * The interfaces of NAT gateways that are {@code deleted}. AWS removes a gateway's interface as it
     * deletes it (VPC user guide, "Delete a NAT gateway"), so these are not waited for: if AWS still lists
     * one for a moment, the delete call's DependencyViolation is waited out like any other. An emulator
     * may keep it for good.
     */
    static Set<String> ofDeletedNatGateways(Ec2Client ec2) {
        return ec2
                .describeNatGateways(r -> r.filter(
                        Filter.builder().name("state").values("deleted").build()))
                .natGateways()
                .stream()
                .filter(n -> n.state() == NatGatewayState.DELETED)
                .flatMap(n -> n.natGatewayAddresses().stream())
                .map(NatGatewayAddress::networkInterfaceId)
                .filter(Objects::nonNull)
                .collect(Collectors.toSet());
    }

    private static Optional<DeleteBlocker> blocker(Ec2Client ec2, List<NetworkInterface> found, String toBe) {
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Set<String> released = ofDeletedNatGateways(ec2);
        List<NetworkInterface> blocking = found.stream()
                .filter(eni -> !released.contains(eni.networkInterfaceId()))
                .toList();
        if (blocking.isEmpty()) {
            return Optional.empty();
        }
        String ids = blocking.stream().map(NetworkInterface::networkInterfaceId).collect(Collectors.joining(" "));
        return Optional.of(new DeleteBlocker(
                named(blocking) + " to be " + toBe,
                "AWS releases the interfaces of a deleted load balancer, database, NAT gateway, task or mount target by"
                        + " itself; one that stays belongs to something still there (delete it first) or to nothing"
                        + " (detach and delete it: aws ec2 delete-network-interface --network-interface-id, for each of "
                        + ids + ")"));
    }

    /**
     * Runs {@code delete}; when AWS answers DependencyViolation, throws the same error with the
     * blocking interfaces named in its message (still a DependencyViolation, so still waited out).
     */
    static void deleteNaming(Ec2Client ec2, Filter where, Runnable delete) {
        try {
            delete.run();
        } catch (AwsServiceException e) {
            if (!AwsErrors.hasCode(e, DEPENDENCY_VIOLATION)) {
                throw e;
            }
            List<NetworkInterface> blocking =
                    ec2.describeNetworkInterfaces(r -> r.filters(where)).networkInterfaces();
            if (blocking.isEmpty()) {
                throw e;
            }
            AwsErrorDetails details = e.awsErrorDetails();
            throw e.toBuilder()
                    .awsErrorDetails(details.toBuilder()
                            .errorMessage(details.errorMessage() + " (still in use by " + named(blocking) + ")")
                            .build())
                    .build();
        }
    }

    /** The interface {@code id} as {@link #describe} names it, or its bare id when it is gone. */
    static String named(Ec2Client ec2, String id) {
        return Describe.orNone(() -> ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(id))
                        .networkInterfaces())
                .stream()
                .findFirst()
                .map(NetworkInterfaces::describe)
                .orElse(id);
    }

    /** The first few interfaces, described, and how many more there are. */
    private static String named(List<NetworkInterface> interfaces) {
        String shown = interfaces.stream()
                .limit(SHOWN)
                .map(NetworkInterfaces::describe)
                .collect(Collectors.joining("; "));
        return interfaces.size() > SHOWN ? shown + " and " + (interfaces.size() - SHOWN) + " more" : shown;
    }

    /** {@code eni-… (ELB app/web/123, requested by amazon-elb)}: the description and who manages it. */
    static String describe(NetworkInterface eni) {
        var parts = new ArrayList<String>();
        if (eni.description() != null && !eni.description().isBlank()) {
            parts.add(eni.description());
        }
        if (eni.requesterId() != null && !eni.requesterId().isBlank()) {
            parts.add("requested by " + eni.requesterId());
        }
        if (eni.interfaceTypeAsString() != null && !"interface".equals(eni.interfaceTypeAsString())) {
            parts.add(eni.interfaceTypeAsString());
        }
        return eni.networkInterfaceId() + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")");
    }
}
