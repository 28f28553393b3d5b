package dev.plinth.aws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * One SDK client per service and region, built once and shared; all share one HTTP connection pool
 * and credentials provider. Calls use the SDK's standard retry mode.
 */
@Component
public class AwsClients implements AutoCloseable {

    private final AwsProperties properties;
    private final SdkHttpClient http = ApacheHttpClient.builder().maxConnections(64).build();
    private final AwsCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
    private final Map<String, Ec2Client> ec2 = new ConcurrentHashMap<>();

    public AwsClients(AwsProperties properties) {
        this.properties = properties;
    }

    public Ec2Client ec2(String region) {
        return ec2.computeIfAbsent(region, r -> configure(Ec2Client.builder(), r).build());
    }

    private <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(B builder, String region) {
        builder.region(Region.of(region))
                .credentialsProvider(credentials)
                .httpClient(http)
                .overrideConfiguration(o -> o.retryStrategy(
                        AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(properties.maxAttempts()).build()));
        if (properties.endpoint() != null) {
            builder.endpointOverride(properties.endpoint());
        }
        return builder;
    }

    @Override
    public void close() {
        ec2.values().forEach(Ec2Client::close);
        http.close();
    }
}
