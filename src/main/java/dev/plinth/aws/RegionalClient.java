package dev.plinth.aws;

import software.amazon.awssdk.core.SdkClient;

/**
 * One AWS service's client, by region: all a handler is given to call, instead of every service's
 * clients. Each handler takes the one service its kind lives in (the IAM policy test reads the calls
 * of each from its source); the clients are built and shared by {@link AwsClients}.
 *
 * @param <C> the service's SDK client, for example {@code Ec2Client}
 */
@FunctionalInterface
public interface RegionalClient<C extends SdkClient> {

    /** The client for {@code region}; a global service's (IAM, CloudFront) ignores it. */
    C in(String region);
}
