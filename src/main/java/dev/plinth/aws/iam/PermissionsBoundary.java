package dev.plinth.aws.iam;

import dev.plinth.aws.AwsClients;
import org.springframework.stereotype.Component;

/**
 * The permissions boundary of the roles plinth makes: {@link IamProperties#permissionsBoundary()}, or
 * the policy {@value #DEFAULT_NAME} on the path {@value #DEFAULT_PATH} of the account plinth runs as
 * (asked of STS once: the identity credentials stand for does not change). The ARN is the {@code aws}
 * partition's, as the policies in helm-free-deploy/iam are.
 */
@Component
public class PermissionsBoundary {

    static final String DEFAULT_NAME = "plinth-boundary";
    static final String DEFAULT_PATH = "/plinth/";

    private final AwsClients aws;
    private final String configured;
    private volatile String arn;

    PermissionsBoundary(AwsClients aws, IamProperties properties) {
        this.aws = aws;
        this.configured = properties.permissionsBoundary() == null
                        || properties.permissionsBoundary().isBlank()
                ? null
                : properties.permissionsBoundary().strip();
    }

    /** The boundary's ARN. */
    public String arn() {
        String known = configured != null ? configured : arn;
        if (known == null) {
            known = ofAccount(aws.sts().getCallerIdentity().account());
            arn = known;
        }
        return known;
    }

    static String ofAccount(String account) {
        return "arn:aws:iam::" + account + ":policy" + DEFAULT_PATH + DEFAULT_NAME;
    }
}
