package dev.plinth.aws.preflight;

import com.github.benmanes.caffeine.cache.Cache;
import dev.plinth.aws.AwsClients;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * Whether an IAM role exists, by name ("GetRole", IAM API reference: NoSuchEntity when it does not). A
 * role seen is remembered for {@link PreflightProperties#keepFor}; a missing one is asked for again.
 */
@Component
class RoleReader {

    private final AwsClients aws;
    private final Cache<String, Boolean> seen;

    RoleReader(AwsClients aws, PreflightProperties properties) {
        this.aws = aws;
        this.seen = properties.answers(100);
    }

    boolean exists(String roleName) {
        if (seen.getIfPresent(roleName) != null) {
            return true;
        }
        try {
            aws.iam().getRole(r -> r.roleName(roleName));
            seen.put(roleName, true);
            return true;
        } catch (NoSuchEntityException e) {
            return false;
        }
    }
}
