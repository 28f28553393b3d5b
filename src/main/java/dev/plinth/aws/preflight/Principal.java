package dev.plinth.aws.preflight;

import java.util.Optional;

/**
 * plinth's own identity, from sts:GetCallerIdentity, as IAM's policy simulator takes it: a role
 * session ({@code arn:aws:sts::<account>:assumed-role/<role>/<session>}, as on EKS) is simulated as
 * its role ({@code arn:aws:iam::<account>:role/<role>}), a user as itself. NOTE: the session ARN
 * drops the role's path, so a role with a path other than {@code /} is not found by the simulator;
 * the check then says so ({@code UNCHECKED}).
 *
 * @param callerArn the ARN STS answered
 * @param account   the account id
 */
record Principal(String callerArn, String account) {

    /** The ARN of the user or role whose policies the simulator evaluates, or empty when it cannot. */
    Optional<String> simulatable() {
        String[] parts = callerArn.split(":", 6);
        if (parts.length < 6) {
            return Optional.empty();
        }
        String partition = parts[1];
        String resource = parts[5];
        if (resource.startsWith("assumed-role/")) {
            String role = resource.substring("assumed-role/".length()).split("/")[0];
            return Optional.of("arn:" + partition + ":iam::" + account + ":role/" + role);
        }
        if (resource.startsWith("user/") || resource.startsWith("role/")) {
            return Optional.of("arn:" + partition + ":iam::" + account + ":" + resource);
        }
        return Optional.empty(); // the root user, a federated user
    }

    /** The account's root user, which no policy limits. */
    boolean isRoot() {
        return callerArn.endsWith(":root");
    }
}
