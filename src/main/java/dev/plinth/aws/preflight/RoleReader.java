package dev.plinth.aws.preflight;

import dev.plinth.aws.AwsClients;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/** Whether an IAM role exists, by name ("GetRole", IAM API reference: NoSuchEntity when it does not). */
@Component
class RoleReader {

    private final AwsClients aws;

    RoleReader(AwsClients aws) {
        this.aws = aws;
    }

    boolean exists(String roleName) {
        try {
            aws.iam().getRole(r -> r.roleName(roleName));
            return true;
        } catch (NoSuchEntityException e) {
            return false;
        }
    }
}
