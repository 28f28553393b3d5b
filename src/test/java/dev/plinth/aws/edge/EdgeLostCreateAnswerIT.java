package dev.plinth.aws.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.aws.AwsClients;
import dev.plinth.aws.AwsProperties;
import dev.plinth.aws.loadbalancer.LoadBalancerLayer;
import dev.plinth.engine.Difference;
import dev.plinth.engine.Observation;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import dev.plinth.engine.ResourceHandler;
import dev.plinth.engine.ResourceKey;
import dev.plinth.engine.ResourceRecord;
import dev.plinth.engine.ResourceState;
import dev.plinth.engine.Tags;
import dev.plinth.testing.MotoServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.DistributionSummary;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.json.JsonMapper;

/**
 * A create call that reached AWS but whose answer was lost leaves the engine with a record in
 * CREATING and no id. Against the emulator, the edge handlers must find what that call made, never
 * make a second one, and take it apart again step by step.
 */
class EdgeLostCreateAnswerIT {

    private static final String REGION = "eu-central-1";
    private static final MotoServer MOTO = MotoServer.shared();
    private static final int MAX_PASSES = 10;

    private final AwsClients aws = new AwsClients(
            new AwsProperties(MOTO.endpoint(), 2, 16, Duration.ofSeconds(30)), new SimpleMeterRegistry());
    private final CloudFrontClient cloudFront = aws.cloudFront();
    private final S3Client s3 = aws.s3(REGION);
    private final String environmentId = UUID.randomUUID().toString();

    @AfterEach
    void close() {
        aws.close();
    }

    /** The context the engine builds for a resource whose id was never saved. */
    private ResourceContext lostId(ResourceKey key, Map<ResourceKey, ResourceRecord> dependencies) {
        return ResourceContext.of(environmentId, "lost", REGION, key, null, dependencies, Map.of("team", "web"));
    }

    private ResourceRecord ready(ResourceKey key, String id, Map<String, String> attributes) {
        Instant now = Instant.now();
        return new ResourceRecord(
                environmentId, key, "kind", ResourceState.READY, id, 0, null, null, attributes, null, now, now, null);
    }

    @Test
    void aDistributionWhoseCreateAnswerWasLostIsFoundByItsTagsAndItsCallerReferenceThenDisabledAndDeleted() {
        var handler = new DistributionHandler(
                aws.regional(CloudFrontClient.class), new CloudFrontProperties(Duration.ofSeconds(15)));
        var desired = new DistributionHandler.Desired(LoadBalancerLayer.LOAD_BALANCER, null);
        ResourceContext context = lostId(
                EdgeLayer.DISTRIBUTION,
                Map.of(
                        LoadBalancerLayer.LOAD_BALANCER,
                        ready(
                                LoadBalancerLayer.LOAD_BALANCER,
                                "arn:lb",
                                Map.of(LoadBalancerLayer.DNS_NAME, "lost-1.eu-central-1.elb.amazonaws.com"))));

        String made = handler.create(context, desired); // the answer the engine never heard
        Observation found = handler.observe(context, desired).orElseThrow();
        String again = handler.create(context, desired);

        assertThat(found.physicalId()).as("observe by tags").isEqualTo(made);
        assertThat(found.differences()).isEmpty();
        assertThat(again)
                .as("a repeated create adopts what its caller reference made")
                .isEqualTo(made);
        assertThat(cloudFront.listDistributions(r -> {}).distributionList().items())
                .extracting(DistributionSummary::id)
                .containsOnlyOnce(made);

        ResourceContext known = context.withPhysicalId(made);
        assertThat(tearDown(handler, known, desired))
                .as("passes to disable, then delete")
                .isBetween(2, MAX_PASSES);
        assertThat(handler.observe(context, desired))
                .as("not found by tags either")
                .isEmpty();
    }

    @Test
    void anOriginAccessControlWhoseCreateAnswerWasLostIsFoundByItsName() {
        var handler = new OriginAccessControlHandler(aws.regional(CloudFrontClient.class));
        var desired = new OriginAccessControlHandler.Desired();
        ResourceContext context = lostId(EdgeLayer.ORIGIN_ACCESS_CONTROL, Map.of());

        String made = handler.create(context, desired);
        Observation found = handler.observe(context, desired).orElseThrow();
        String again = handler.create(context, desired);

        assertThat(found.physicalId()).isEqualTo(made);
        assertThat(found.differences()).isEmpty();
        assertThat(again).isEqualTo(made);
        assertThat(cloudFront
                        .listOriginAccessControls(r -> {})
                        .originAccessControlList()
                        .items())
                .filteredOn(o -> o.name().equals(Edge.originAccessControlName(context)))
                .hasSize(1);

        assertThat(tearDown(handler, context.withPhysicalId(made), desired)).isEqualTo(1);
    }

    @Test
    void anOriginAccessControlNameTakenByAnotherIsNeitherAdoptedNorDuplicated() {
        var handler = new OriginAccessControlHandler(aws.regional(CloudFrontClient.class));
        var desired = new OriginAccessControlHandler.Desired();
        ResourceContext context = ResourceContext.of(
                environmentId, "taken", REGION, EdgeLayer.ORIGIN_ACCESS_CONTROL, null, Map.of(), Map.of());
        String theirs = cloudFront
                .createOriginAccessControl(
                        r -> r.originAccessControlConfig(c -> c.name(Edge.originAccessControlName(context))
                                .description("made by hand")
                                .signingProtocol("sigv4")
                                .signingBehavior("always")
                                .originAccessControlOriginType("s3")))
                .originAccessControl()
                .id();
        try {
            assertThat(handler.observe(context, desired)).isEmpty();
            assertThatThrownBy(() -> handler.create(context, desired))
                    .hasMessageContaining("is taken by one this environment");
            assertThat(cloudFront
                            .listOriginAccessControls(r -> {})
                            .originAccessControlList()
                            .items())
                    .filteredOn(o -> o.name().equals(Edge.originAccessControlName(context)))
                    .hasSize(1);
        } finally {
            String eTag = cloudFront.getOriginAccessControl(r -> r.id(theirs)).eTag();
            cloudFront.deleteOriginAccessControl(r -> r.id(theirs).ifMatch(eTag));
        }
    }

    @Test
    void aBucketIsMadeByOneCallRepairedToPrivateEncryptedAndTaggedAndEmptiedBeforeItIsDeleted() {
        var handler = new BucketHandler(aws.regional(S3Client.class));
        var desired = new BucketHandler.Desired();
        ResourceContext context = lostId(EdgeLayer.BUCKET, Map.of());

        String made = handler.create(context, desired);
        String again = handler.create(context, desired);
        Observation bare = handler.observe(context, desired).orElseThrow();

        assertThat(again).isEqualTo(made).isEqualTo(Edge.bucketName("lost", environmentId));
        assertThat(bare.differences())
                .extracting(Difference::attribute)
                .containsExactlyInAnyOrderElementsOf(Stream.concat(
                                Stream.of(BucketHandler.PUBLIC_ACCESS_BLOCK, BucketHandler.ENCRYPTION),
                                context.tags().keySet().stream()
                                        .filter(key -> !key.startsWith("plinth:"))
                                        .map(key -> Tags.ATTRIBUTE_PREFIX + key))
                        .toList());
        assertThat(bare.attributes())
                .containsEntry(EdgeLayer.REGIONAL_DOMAIN_NAME, made + ".s3." + REGION + ".amazonaws.com")
                .containsEntry(EdgeLayer.ARN, "arn:aws:s3:::" + made);

        handler.update(context.withPhysicalId(made), desired, bare);
        assertThat(handler.observe(context, desired).orElseThrow().differences())
                .isEmpty();
        assertThat(s3.getBucketTagging(r -> r.bucket(made)).tagSet())
                .anySatisfy(
                        t -> assertThat(t.key() + "=" + t.value()).isEqualTo(Tags.ENVIRONMENT_ID + "=" + environmentId))
                .anySatisfy(t -> assertThat(t.key() + "=" + t.value()).isEqualTo("team=web"));

        for (int i = 0; i < 3; i++) {
            String key = "assets/file-" + i + ".txt";
            s3.putObject(r -> r.bucket(made).key(key), RequestBody.fromString("file " + key));
        }
        assertThat(tearDown(handler, context.withPhysicalId(made), desired)).isEqualTo(1);
    }

    @Test
    void aBucketPolicyIsAbsentUntilPutAndThenNamesTheDistribution() {
        var buckets = new BucketHandler(aws.regional(S3Client.class));
        ResourceContext bucketContext = lostId(EdgeLayer.BUCKET, Map.of());
        String bucket = buckets.create(bucketContext, new BucketHandler.Desired());
        var handler = new BucketPolicyHandler(
                aws.regional(S3Client.class), JsonMapper.builder().build());
        var desired = new BucketPolicyHandler.Desired(EdgeLayer.BUCKET, EdgeLayer.DISTRIBUTION);
        String arn = "arn:aws:cloudfront::123456789012:distribution/E1LOST";
        ResourceContext context = lostId(
                EdgeLayer.BUCKET_POLICY,
                Map.of(
                        EdgeLayer.BUCKET, ready(EdgeLayer.BUCKET, bucket, Map.of()),
                        EdgeLayer.DISTRIBUTION, ready(EdgeLayer.DISTRIBUTION, "E1LOST", Map.of(EdgeLayer.ARN, arn))));

        assertThat(handler.observe(context, desired))
                .as("NoSuchBucketPolicy is absent")
                .isEmpty();
        assertThat(handler.create(context, desired)).isEqualTo(bucket);
        Observation found = handler.observe(context, desired).orElseThrow();
        assertThat(found.differences()).isEmpty();
        assertThat(s3.getBucketPolicy(r -> r.bucket(bucket)).policy())
                .contains(arn)
                .contains("cloudfront.amazonaws.com");

        assertThat(tearDown(handler, context.withPhysicalId(bucket), desired)).isEqualTo(1);
        assertThat(tearDown(buckets, bucketContext.withPhysicalId(bucket), new BucketHandler.Desired()))
                .isEqualTo(1);
        assertThat(handler.observe(context, desired))
                .as("the bucket is gone too")
                .isEmpty();
    }

    /** What the engine does in teardown: delete, observe, until nothing is found; the number of passes. */
    private static <D extends ResourceDesired> int tearDown(
            ResourceHandler<D> handler, ResourceContext context, D desired) {
        for (int pass = 1; pass <= MAX_PASSES; pass++) {
            Optional<Observation> seen = handler.observe(context, desired);
            if (seen.isEmpty()) {
                return pass - 1;
            }
            handler.delete(context, desired, seen.get());
            if (handler.observe(context, desired).isEmpty()) {
                return pass;
            }
        }
        throw new AssertionError(handler.kind() + " still there after " + MAX_PASSES + " passes");
    }
}
