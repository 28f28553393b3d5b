package dev.plinth.aws.network;

import dev.plinth.aws.AwsErrors;
import java.util.List;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;

/**
 * Says who is still using a subnet or security group when AWS refuses to delete it: the network
 * interfaces in it and what owns them (a load balancer, an RDS instance, a NAT gateway, a task…).
 */
final class NetworkInterfaces {

    static final String DEPENDENCY_VIOLATION = "DependencyViolation";
    private static final int SHOWN = 5;

    private NetworkInterfaces() {}

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
            List<NetworkInterface> blocking = ec2.describeNetworkInterfaces(r -> r.filters(where)).networkInterfaces();
            if (blocking.isEmpty()) {
                throw e;
            }
            String owners = blocking.stream().limit(SHOWN).map(NetworkInterfaces::describe).collect(Collectors.joining("; "));
            String more = blocking.size() > SHOWN ? " and " + (blocking.size() - SHOWN) + " more" : "";
            AwsErrorDetails details = e.awsErrorDetails();
            throw e.toBuilder()
                    .awsErrorDetails(details.toBuilder()
                            .errorMessage(details.errorMessage() + " (still in use by " + owners + more + ")")
                            .build())
                    .build();
        }
    }

    /** {@code eni-… (ELB app/web/123, attached to amazon-elb)}: the description and who manages it. */
    static String describe(NetworkInterface eni) {
        var parts = new java.util.ArrayList<String>();
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
