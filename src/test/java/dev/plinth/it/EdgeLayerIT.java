package dev.plinth.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.plinth.engine.Tags;
import dev.plinth.testing.Ec2Inventory;
import dev.plinth.testing.EndToEndTest;
import dev.plinth.testing.FaultProxy.Call;
import dev.plinth.testing.PlinthApi.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.CacheBehavior;
import software.amazon.awssdk.services.cloudfront.model.Distribution;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.NoSuchDistributionException;
import software.amazon.awssdk.services.cloudfront.model.Origin;
import software.amazon.awssdk.services.cloudfront.model.OriginAccessControlSummary;
import software.amazon.awssdk.services.ec2.model.PrefixListId;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;
import software.amazon.awssdk.services.s3.model.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The CloudFront distribution in front of the load balancer, and the static site variant, built, read back and torn down. */
class EdgeLayerIT extends EndToEndTest {

    private static final String REGION = "eu-central-1";
    private static final Duration CDN_CONVERGE = Duration.ofMinutes(3);
    private static final String NETWORK_AND_SERVICE = """
            "region":"eu-central-1",
            "network":{"cidr":"10.63.0.0/16","availabilityZones":2,"natGateways":"single"},
            "service":{"image":"public.ecr.aws/nginx/nginx:stable"},""";
    private static final String CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
    private static final String CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6";
    private static final String ALL_VIEWER = "216adef6-5c7f-47e4-b989-5492eafa07d3";
    private static final String ORIGIN_FACING = "com.amazonaws.global.cloudfront.origin-facing";
    private static final String DISTRIBUTIONS = "/2020-05-31/distribution";

    @AfterEach
    void cloudFrontDeploysAfterOneReadAgain() {
        // the emulator is shared
        MOTO.undoSlowDown("cloudfront::distribution");
    }

    @Test
    void aDistributionInFrontOfTheLoadBalancerWaitsForItsDeploymentAndIsDisabledBeforeItIsDeleted() {
        MOTO.slowDown("cloudfront::distribution", 3);
        String id = api.create("{\"name\":\"edge\"," + NETWORK_AND_SERVICE + "\"cdn\":{\"enabled\":true}}");

        JsonNode env = api.await(id, CDN_CONVERGE, "READY", "FAILED");
        assertThat(env.path("status").asString()).as(env.toString()).isEqualTo("READY");
        Map<String, String> ids = physicalIds(id);
        String distributionId = ids.get("cdn/distribution");
        assertThat(ids).doesNotContainKeys("cdn/bucket", "cdn/origin-access-control", "cdn/bucket-policy");
        List<String> timeline = api.timeline(id);
        assertThat(timeline.indexOf("CREATE_STARTED cdn/distribution"))
                .as("the distribution is made while the load balancer is provisioning: it needs only its DNS name")
                .isNotNegative()
                .isLessThan(timeline.indexOf("CREATE_FINISHED load-balancer"));

        try (var cloudFront = emulated(CloudFrontClient.builder(), "us-east-1");
                var elb = emulated(ElasticLoadBalancingV2Client.builder(), REGION)) {
            LoadBalancer lb = elb.describeLoadBalancers(r -> r.loadBalancerArns(ids.get("load-balancer")))
                    .loadBalancers()
                    .getFirst();
            // NOTE: the emulator deploys only after the third read: the handler looked again until then
            assertThat(AWS.count("GET " + DISTRIBUTIONS + "/" + distributionId)).isGreaterThanOrEqualTo(3);
            assertThat(AWS.count("POST " + DISTRIBUTIONS)).isEqualTo(1);

            Distribution distribution =
                    cloudFront.getDistribution(r -> r.id(distributionId)).distribution();
            assertThat(distribution.status()).isEqualTo("Deployed");
            DistributionConfig config = distribution.distributionConfig();
            assertThat(config.enabled()).isTrue();
            assertThat(config.comment()).contains("edge");
            assertThat(config.priceClassAsString()).isEqualTo("PriceClass_100");
            assertThat(config.viewerCertificate().cloudFrontDefaultCertificate())
                    .isTrue();
            Origin origin = config.origins().items().stream()
                    .filter(o -> o.domainName().equals(lb.dnsName()))
                    .findFirst()
                    .orElseThrow();
            assertThat(config.origins().items()).hasSize(1);
            assertThat(origin.customOriginConfig().originProtocolPolicyAsString())
                    .isEqualTo("http-only");
            assertThat(origin.customOriginConfig().httpPort()).isEqualTo(80);
            assertThat(config.defaultCacheBehavior().targetOriginId()).isEqualTo(origin.id());
            assertThat(config.defaultCacheBehavior().viewerProtocolPolicyAsString())
                    .isEqualTo("redirect-to-https");
            assertThat(config.defaultCacheBehavior().cachePolicyId()).isEqualTo(CACHING_DISABLED);
            assertThat(config.defaultCacheBehavior().originRequestPolicyId()).isEqualTo(ALL_VIEWER);
            assertThat(config.defaultCacheBehavior().allowedMethods().itemsAsStrings())
                    .containsExactlyInAnyOrder("GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE");
            assertThat(config.cacheBehaviors().quantity()).isZero();
            assertThat(cloudFront
                            .listTagsForResource(r -> r.resource(distribution.arn()))
                            .tags()
                            .items())
                    .anySatisfy(t -> assertThat(t.key() + "=" + t.value()).isEqualTo(Tags.ENVIRONMENT_ID + "=" + id));

            // the load balancer admits only CloudFront's origin-facing addresses, on 80
            String prefixList = ec2(REGION)
                    .describeManagedPrefixLists(
                            r -> r.filters(f -> f.name("prefix-list-name").values(ORIGIN_FACING)))
                    .prefixLists()
                    .getFirst()
                    .prefixListId();
            SecurityGroup group = ec2(REGION)
                    .describeSecurityGroups(r -> r.groupIds(lb.securityGroups()))
                    .securityGroups()
                    .getFirst();
            assertThat(group.ipPermissions()).singleElement().satisfies(p -> {
                assertThat(p.ipProtocol()).isEqualTo("tcp");
                assertThat(p.fromPort()).isEqualTo(80);
                assertThat(p.toPort()).isEqualTo(80);
                assertThat(p.ipRanges()).isEmpty();
                assertThat(p.ipv6Ranges()).isEmpty();
                assertThat(p.userIdGroupPairs()).isEmpty();
                assertThat(p.prefixListIds())
                        .extracting(PrefixListId::prefixListId)
                        .containsExactly(prefixList);
            });

            assertThat(env.at("/outputs/url").asString()).isEqualTo("https://" + distribution.domainName());
            assertThat(env.at("/outputs/distributionId").asString()).isEqualTo(distributionId);
            assertThat(env.at("/outputs/loadBalancerDns").asString()).isEqualTo(lb.dnsName());

            AWS.clear();
            Reply deleting = api.delete("/environments/" + id);
            assertThat(deleting.status()).isEqualTo(202);
            JsonNode gone = api.await(id, CDN_CONVERGE, "DELETED", "DELETE_FAILED");
            assertThat(gone.path("status").asString()).as(gone.toString()).isEqualTo("DELETED");
            assertNothingTagged(REGION, id);
            assertThatThrownBy(() -> cloudFront.getDistribution(r -> r.id(distributionId)))
                    .isInstanceOf(NoSuchDistributionException.class);
            // disabled (UpdateDistribution), then deleted; and only then its origin
            // NOTE: the emulator keeps a disabled distribution Deployed: DistributionHandlerTest proves the wait in
            // between
            List<String> calls = AWS.calls().stream().map(Call::action).toList();
            int disabled = calls.indexOf("PUT " + DISTRIBUTIONS + "/" + distributionId + "/config");
            int deleted = calls.indexOf("DELETE " + DISTRIBUTIONS + "/" + distributionId);
            assertThat(disabled).isNotNegative().isLessThan(deleted);
            assertThat(calls.indexOf("DeleteLoadBalancer")).isGreaterThan(deleted);
            List<JsonNode> events = api.events(id);
            assertOnlyAwsDocumentedRetries(events);
            assertThat(updated(events))
                    .as("edge resources changed right after they were made")
                    .isEmpty();
        }
    }

    @Test
    void aStaticSiteIsAPrivateBucketReadOnlyByTheDistributionWithTheApiOnTheLoadBalancer() {
        String id = api.create(
                "{\"name\":\"spa\"," + NETWORK_AND_SERVICE + "\"cdn\":{\"enabled\":true,\"staticSite\":true}}");

        JsonNode env = api.await(id, CDN_CONVERGE, "READY", "FAILED");
        assertThat(env.path("status").asString()).as(env.toString()).isEqualTo("READY");
        Map<String, String> ids = physicalIds(id);
        String distributionId = ids.get("cdn/distribution");
        String bucket = ids.get("cdn/bucket");
        String accessControl = ids.get("cdn/origin-access-control");

        try (var cloudFront = emulated(CloudFrontClient.builder(), "us-east-1");
                var s3 = s3();
                var elb = emulated(ElasticLoadBalancingV2Client.builder(), REGION)) {
            LoadBalancer lb = elb.describeLoadBalancers(r -> r.loadBalancerArns(ids.get("load-balancer")))
                    .loadBalancers()
                    .getFirst();

            // the bucket: private, encrypted, tagged
            assertThat(bucket).startsWith("plinth-spa-").hasSize("plinth-spa-".length() + 8);
            assertThat(s3.getBucketLocation(r -> r.bucket(bucket)).locationConstraintAsString())
                    .isEqualTo(REGION);
            var block = s3.getPublicAccessBlock(r -> r.bucket(bucket)).publicAccessBlockConfiguration();
            assertThat(List.of(
                            block.blockPublicAcls(),
                            block.ignorePublicAcls(),
                            block.blockPublicPolicy(),
                            block.restrictPublicBuckets()))
                    .containsOnly(true);
            assertThat(s3.getBucketEncryption(r -> r.bucket(bucket))
                            .serverSideEncryptionConfiguration()
                            .rules())
                    .extracting(ServerSideEncryptionRule::applyServerSideEncryptionByDefault)
                    .anySatisfy(d -> assertThat(d.sseAlgorithmAsString()).isEqualTo("AES256"));
            assertThat(s3.getBucketTagging(r -> r.bucket(bucket)).tagSet())
                    .extracting(Tag::key, Tag::value)
                    .contains(tuple(Tags.ENVIRONMENT_ID, id), tuple(Tags.RESOURCE_KEY, "cdn/bucket"));

            // the origin access control: SigV4, always, for S3
            assertThat(cloudFront
                            .listOriginAccessControls(r -> {})
                            .originAccessControlList()
                            .items())
                    .filteredOn(o -> o.id().equals(accessControl))
                    .singleElement()
                    .satisfies(o -> {
                        assertThat(o.name()).isEqualTo("spa-cdn-origin-access-control");
                        assertThat(o.signingProtocolAsString()).isEqualTo("sigv4");
                        assertThat(o.signingBehaviorAsString()).isEqualTo("always");
                        assertThat(o.originAccessControlOriginTypeAsString()).isEqualTo("s3");
                    });

            // two origins: the bucket by default, /api/* to the load balancer
            Distribution distribution =
                    cloudFront.getDistribution(r -> r.id(distributionId)).distribution();
            DistributionConfig config = distribution.distributionConfig();
            assertThat(config.enabled()).isTrue();
            assertThat(config.defaultRootObject()).isEqualTo("index.html");
            Map<String, Origin> origins =
                    config.origins().items().stream().collect(Collectors.toMap(Origin::domainName, o -> o));
            assertThat(origins).containsOnlyKeys(lb.dnsName(), bucket + ".s3." + REGION + ".amazonaws.com");
            // NOTE: the emulator reports neither the S3 origin's access control id nor its S3 origin config
            Origin site = origins.get(bucket + ".s3." + REGION + ".amazonaws.com");
            Origin loadBalancer = origins.get(lb.dnsName());
            assertThat(loadBalancer.customOriginConfig().originProtocolPolicyAsString())
                    .isEqualTo("http-only");
            assertThat(config.defaultCacheBehavior().targetOriginId()).isEqualTo(site.id());
            assertThat(config.defaultCacheBehavior().cachePolicyId()).isEqualTo(CACHING_OPTIMIZED);
            assertThat(config.defaultCacheBehavior().viewerProtocolPolicyAsString())
                    .isEqualTo("redirect-to-https");
            assertThat(config.defaultCacheBehavior().allowedMethods().itemsAsStrings())
                    .containsExactlyInAnyOrder("GET", "HEAD");
            CacheBehavior apiBehaviour = config.cacheBehaviors().items().getFirst();
            assertThat(config.cacheBehaviors().items()).hasSize(1);
            assertThat(apiBehaviour.pathPattern()).isEqualTo("/api/*");
            assertThat(apiBehaviour.targetOriginId()).isEqualTo(loadBalancer.id());
            assertThat(apiBehaviour.cachePolicyId()).isEqualTo(CACHING_DISABLED);
            assertThat(apiBehaviour.originRequestPolicyId()).isEqualTo(ALL_VIEWER);
            assertThat(apiBehaviour.viewerProtocolPolicyAsString()).isEqualTo("redirect-to-https");
            assertThat(apiBehaviour.allowedMethods().quantity()).isEqualTo(7);

            // the bucket policy: GetObject for CloudFront, from this distribution only
            JsonNode policy = JsonMapper.builder()
                    .build()
                    .readTree(s3.getBucketPolicy(r -> r.bucket(bucket)).policy());
            assertThat(policy.path("Statement")).singleElement().satisfies(s -> {
                assertThat(s.path("Effect").asString()).isEqualTo("Allow");
                assertThat(s.at("/Principal/Service").asString()).isEqualTo("cloudfront.amazonaws.com");
                assertThat(s.path("Action").asString()).isEqualTo("s3:GetObject");
                assertThat(s.path("Resource").asString()).isEqualTo("arn:aws:s3:::" + bucket + "/*");
                assertThat(s.at("/Condition/StringEquals/AWS:SourceArn").asString())
                        .isEqualTo(distribution.arn());
            });

            assertThat(env.at("/outputs/url").asString()).isEqualTo("https://" + distribution.domainName());
            assertThat(env.at("/outputs/distributionId").asString()).isEqualTo(distributionId);
            assertThat(env.at("/outputs/staticSiteBucket").asString()).isEqualTo(bucket);

            // the site's files: teardown must empty the bucket before it can delete it
            s3.putObject(
                    r -> r.bucket(bucket).key("index.html").contentType("text/html"),
                    RequestBody.fromString("<!doctype html><title>spa</title>"));
            s3.putObject(r -> r.bucket(bucket).key("assets/app.js"), RequestBody.fromString("console.log('spa')"));

            Reply deleting = api.delete("/environments/" + id);
            assertThat(deleting.status()).isEqualTo(202);
            JsonNode gone = api.await(id, CDN_CONVERGE, "DELETED", "DELETE_FAILED");
            assertThat(gone.path("status").asString()).as(gone.toString()).isEqualTo("DELETED");
            assertNothingTagged(REGION, id);
            assertThatThrownBy(() -> s3.headBucket(r -> r.bucket(bucket))).isInstanceOf(NoSuchBucketException.class);
            assertThat(s3.listBuckets().buckets()).noneMatch(b -> b.name().equals(bucket));
            assertThat(cloudFront
                            .listOriginAccessControls(r -> {})
                            .originAccessControlList()
                            .items())
                    .extracting(OriginAccessControlSummary::id)
                    .doesNotContain(accessControl);
            assertThatThrownBy(() -> cloudFront.getDistribution(r -> r.id(distributionId)))
                    .isInstanceOf(NoSuchDistributionException.class);
            assertThat(Ec2Inventory.ofEnvironment(ec2(REGION), id).size()).isZero();
            List<JsonNode> events = api.events(id);
            assertOnlyAwsDocumentedRetries(events);
            // the bucket is made by CreateBucket alone; its public access block, encryption and tags are the next step
            assertThat(updated(events))
                    .as("edge resources changed right after they were made")
                    .containsExactly("cdn/bucket");
        }
    }

    /** The edge layer's resources that needed a change after being made (others, such as the VPC's DNS settings, do by design). */
    private static List<String> updated(List<JsonNode> events) {
        return events.stream()
                .filter(e -> e.path("type").asString().equals("UPDATE_STARTED"))
                .map(e -> e.path("resourceKey").asString())
                .filter(key -> key.startsWith("cdn/"))
                .toList();
    }

    private Map<String, String> physicalIds(String id) {
        return api.get("/environments/" + id + "/resources")
                .json()
                .path("items")
                .valueStream()
                .collect(Collectors.toMap(
                        r -> r.path("key").asString(), r -> r.path("physicalId").asString()));
    }

    /** NOTE: path-style addressing: the emulator's address has no DNS name per bucket. */
    private static S3Client s3() {
        return S3Client.builder()
                .endpointOverride(MOTO.endpoint())
                .forcePathStyle(true)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }
}
