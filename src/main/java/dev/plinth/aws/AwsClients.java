package dev.plinth.aws;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * One SDK client per service and region, built once and shared; all share one HTTP connection pool
 * and credentials provider. Calls use the SDK's standard retry mode, at most
 * {@code plinth.aws.max-concurrent-calls} at a time per service, and are counted, with their retries and
 * throttled attempts. IAM and CloudFront are global: their clients ignore the region they are asked for.
 */
@Component
public class AwsClients implements AutoCloseable {

    private record Key(Class<?> type, String region) {}

    private static final String BUILDER = "ClientBuilder";

    private final AwsProperties properties;
    private final MeterRegistry registry;
    private final AwsCallMetrics metrics;
    private final AwsCallLimiter limiter;
    private final SdkHttpClient http =
            ApacheHttpClient.builder().maxConnections(64).build();
    private final AwsCredentialsProvider credentials =
            DefaultCredentialsProvider.builder().build();
    private final Map<Key, SdkClient> clients = new ConcurrentHashMap<>();

    public AwsClients(AwsProperties properties, MeterRegistry registry) {
        this.properties = properties;
        this.registry = registry;
        this.metrics = new AwsCallMetrics(registry);
        this.limiter = new AwsCallLimiter(properties.maxConcurrentCalls(), properties.callSlotWait());
    }

    /** The client of {@code service} in {@code region}; a global service's (IAM, CloudFront) in any region. */
    public <C extends SdkClient> C client(Class<C> service, String region) {
        return regional(service).in(region);
    }

    public IamClient iam() {
        return client(IamClient.class, Region.AWS_GLOBAL.id());
    }

    public CloudFrontClient cloudFront() {
        return client(CloudFrontClient.class, Region.AWS_GLOBAL.id());
    }

    /**
     * STS in the SDK's default region (AWS_REGION, the profile), else us-east-1: only for asking AWS
     * who we are, which any credentials may do.
     */
    public StsClient sts() {
        return cached(
                StsClient.class,
                "home",
                () -> configure(StsClient.builder(), homeRegion()).build());
    }

    private static String homeRegion() {
        try {
            return new DefaultAwsRegionProviderChain().getRegion().id();
        } catch (SdkClientException none) {
            return Region.US_EAST_1.id();
        }
    }

    /**
     * The one-service view of these clients that a handler takes. IAM and CloudFront are global: theirs
     * ignores the region.
     */
    public <C extends SdkClient> RegionalClient<C> regional(Class<C> service) {
        if (service == S3Client.class) {
            return region -> service.cast(s3(region));
        }
        boolean global = service == IamClient.class || service == CloudFrontClient.class;
        return region -> built(service, global ? Region.AWS_GLOBAL.id() : region);
    }

    /** Every SDK client interface has a static {@code builder()}; this one's is called by reflection. */
    private <C extends SdkClient> C built(Class<C> service, String region) {
        return cached(service, region, () -> {
            try {
                Object builder = service.getMethod("builder").invoke(null);
                apply((AwsClientBuilder<?, ?>) builder, (SdkSyncClientBuilder<?, ?>) builder, region);
                return service.cast(((SdkBuilder<?, ?>) builder).build());
            } catch (ReflectiveOperationException | ClassCastException e) {
                throw new IllegalArgumentException("not an SDK client: " + service, e);
            }
        });
    }

    /** NOTE: path-style addressing, so an endpoint override (an emulator) needs no DNS per bucket. */
    public S3Client s3(String region) {
        return cached(
                S3Client.class,
                region,
                () -> configure(S3Client.builder(), region)
                        .forcePathStyle(properties.endpoint() != null)
                        .build());
    }

    private <C extends SdkClient> C cached(Class<C> type, String region, Supplier<C> build) {
        return type.cast(clients.computeIfAbsent(new Key(type, region), k -> build.get()));
    }

    private <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(B builder, String region) {
        apply(builder, builder, region);
        return builder;
    }

    /** plinth's configuration, on a builder (SDK builders change in place). */
    private void apply(AwsClientBuilder<?, ?> builder, SdkSyncClientBuilder<?, ?> sync, String region) {
        builder.region(Region.of(region));
        builder.credentialsProvider(credentials);
        sync.httpClient(http);
        builder.overrideConfiguration(o -> o.addExecutionInterceptor(limiter)
                .addExecutionInterceptor(metrics)
                .addMetricPublisher(new AwsAttemptMetrics(registry, serviceName(builder)))
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(properties.maxAttempts())
                        .build()));
        if (properties.endpoint() != null) {
            builder.endpointOverride(properties.endpoint());
        }
    }

    /** The SDK's name of the builder's service, as its calls carry it: {@code Ec2ClientBuilder} builds {@code Ec2}. */
    private static String serviceName(Object builder) {
        return Arrays.stream(builder.getClass().getInterfaces())
                .map(Class::getSimpleName)
                .filter(name -> name.endsWith(BUILDER))
                .findFirst()
                .map(name -> name.substring(0, name.length() - BUILDER.length()))
                .orElseThrow(() -> new IllegalArgumentException("not an SDK client builder: " + builder.getClass()));
    }

    @Override
    public void close() {
        List.copyOf(clients.values()).forEach(SdkClient::close);
        http.close();
    }
}
