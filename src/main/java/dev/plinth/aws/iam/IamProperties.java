package dev.plinth.aws.iam;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The IAM roles plinth makes, under {@code plinth.aws.iam}.
 *
 * @param permissionsBoundary the ARN of the managed policy every role plinth makes carries as its
 *                            permissions boundary; unset, the policy {@code plinth-boundary} on the path
 *                            {@code /plinth/} of plinth's own account, as README's "The IAM role" installs
 *                            it. plinth's own policy lets it create roles only with this boundary.
 */
@ConfigurationProperties("plinth.aws.iam")
public record IamProperties(String permissionsBoundary) {}
