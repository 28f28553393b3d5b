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
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.efs.EfsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
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

    public Ec2Client ec2(String region) {
        return client(Ec2Client.class, region, Ec2Client::builder);
    }

    public RdsClient rds(String region) {
        return client(RdsClient.class, region, RdsClient::builder);
    }

    public IamClient iam() {
        return client(IamClient.class, Region.AWS_GLOBAL.id(), IamClient::builder);
    }

    public SecretsManagerClient secretsManager(String region) {
        return client(SecretsManagerClient.class, region, SecretsManagerClient::builder);
    }

    public DynamoDbClient dynamoDb(String region) {
        return client(DynamoDbClient.class, region, DynamoDbClient::builder);
    }

    public EfsClient efs(String region) {
        return client(EfsClient.class, region, EfsClient::builder);
    }

    public EcsClient ecs(String region) {
        return client(EcsClient.class, region, EcsClient::builder);
    }

    public ElasticLoadBalancingV2Client elb(String region) {
        return client(ElasticLoadBalancingV2Client.class, region, ElasticLoadBalancingV2Client::builder);
    }

    public CloudWatchLogsClient logs(String region) {
        return client(CloudWatchLogsClient.class, region, CloudWatchLogsClient::builder);
    }

    public ApplicationAutoScalingClient autoScaling(String region) {
        return client(ApplicationAutoScalingClient.class, region, ApplicationAutoScalingClient::builder);
    }

    public CloudWatchClient cloudWatch(String region) {
        return client(CloudWatchClient.class, region, CloudWatchClient::builder);
    }

    /** The Resource Groups Tagging API: what carries a tag in a region, across services. */
    public ResourceGroupsTaggingApiClient tagging(String region) {
        return client(ResourceGroupsTaggingApiClient.class, region, ResourceGroupsTaggingApiClient::builder);
    }

    /** Service Quotas: the account's quotas in a region, for checking a new environment fits. */
    public ServiceQuotasClient serviceQuotas(String region) {
        return client(ServiceQuotasClient.class, region, ServiceQuotasClient::builder);
    }

    public CloudFrontClient cloudFront() {
        return client(CloudFrontClient.class, Region.AWS_GLOBAL.id(), CloudFrontClient::builder);
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

    /** The client of {@code type} for {@code region}, built once from {@code builder} with plinth's configuration. */
    private <C extends SdkClient, B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>> C client(
            Class<C> type, String region, Supplier<B> builder) {
        return cached(type, region, () -> configure(builder.get(), region).build());
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
