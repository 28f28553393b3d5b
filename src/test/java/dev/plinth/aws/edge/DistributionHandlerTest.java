package dev.plinth.aws.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.aws.loadbalancer.LoadBalancerLayer;
import dev.plinth.engine.Difference;
import dev.plinth.engine.Observation;
import dev.plinth.engine.Readiness;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceKey;
import dev.plinth.engine.ResourceRecord;
import dev.plinth.engine.ResourceState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.CreateDistributionWithTagsRequest;
import software.amazon.awssdk.services.cloudfront.model.CreateDistributionWithTagsResponse;
import software.amazon.awssdk.services.cloudfront.model.DeleteDistributionRequest;
import software.amazon.awssdk.services.cloudfront.model.DeleteDistributionResponse;
import software.amazon.awssdk.services.cloudfront.model.Distribution;
import software.amazon.awssdk.services.cloudfront.model.DistributionAlreadyExistsException;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.GetDistributionConfigRequest;
import software.amazon.awssdk.services.cloudfront.model.GetDistributionConfigResponse;
import software.amazon.awssdk.services.cloudfront.model.GetDistributionRequest;
import software.amazon.awssdk.services.cloudfront.model.GetDistributionResponse;
import software.amazon.awssdk.services.cloudfront.model.ListDistributionsRequest;
import software.amazon.awssdk.services.cloudfront.model.ListDistributionsResponse;
import software.amazon.awssdk.services.cloudfront.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.cloudfront.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.cloudfront.model.NoSuchDistributionException;
import software.amazon.awssdk.services.cloudfront.model.PreconditionFailedException;
import software.amazon.awssdk.services.cloudfront.model.Tag;
import software.amazon.awssdk.services.cloudfront.model.TagResourceRequest;
import software.amazon.awssdk.services.cloudfront.model.TagResourceResponse;
import software.amazon.awssdk.services.cloudfront.model.UntagResourceRequest;
import software.amazon.awssdk.services.cloudfront.model.UntagResourceResponse;
import software.amazon.awssdk.services.cloudfront.model.UpdateDistributionRequest;
import software.amazon.awssdk.services.cloudfront.model.UpdateDistributionResponse;

/** The distribution's teardown steps and readiness, against a fake CloudFront client. */
class DistributionHandlerTest {

    private static final String ID = "E1U5RQF7T870K0";
    private static final String ARN = "arn:aws:cloudfront::123456789012:distribution/" + ID;
    private static final String DOMAIN = "d111111abcdef8.cloudfront.net";
    private static final String LB_DNS = "web-1a2b3c-123456789.eu-central-1.elb.amazonaws.com";
    private static final DistributionHandler.Desired DESIRED =
            new DistributionHandler.Desired(LoadBalancerLayer.LOAD_BALANCER, null);

    private final FakeCloudFront cloudFront = new FakeCloudFront();
    private final DistributionHandler handler =
            new DistributionHandler(region -> cloudFront, new CloudFrontProperties(Duration.ofSeconds(15)));

    static Stream<Arguments> deleteSteps() {
        return Stream.of(
                Arguments.of(
                        "enabled and deployed: disable it with the configuration's ETag",
                        true,
                        "Deployed",
                        false,
                        List.of(
                                "GetDistribution",
                                "GetDistributionConfig",
                                "UpdateDistribution enabled=false IfMatch=E1")),
                Arguments.of(
                        "enabled and still deploying: disable it all the same",
                        true,
                        "InProgress",
                        false,
                        List.of(
                                "GetDistribution",
                                "GetDistributionConfig",
                                "UpdateDistribution enabled=false IfMatch=E1")),
                Arguments.of("disabled, still deploying: wait", false, "InProgress", false, List.of("GetDistribution")),
                Arguments.of(
                        "disabled and deployed: delete it with the current ETag",
                        false,
                        "Deployed",
                        false,
                        List.of("GetDistribution", "DeleteDistribution IfMatch=E1")),
                Arguments.of("gone already: nothing to do", false, "Deployed", true, List.of("GetDistribution")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deleteSteps")
    void deleteTakesOneStepPerPass(String name, boolean enabled, String status, boolean gone, List<String> calls) {
        cloudFront.enabled = enabled;
        cloudFront.status = status;
        cloudFront.gone = gone;

        handler.delete(context(ID), DESIRED, Observation.of(ID, Readiness.READY));

        assertThat(cloudFront.calls).containsExactlyElementsOf(calls);
    }

    @Test
    void aStaleETagIsLeftForTheNextPassWhichReadsTheNewOne() {
        cloudFront.changedBehindOurBack = true;

        handler.delete(context(ID), DESIRED, Observation.of(ID, Readiness.READY));
        assertThat(cloudFront.enabled).isTrue();

        cloudFront.changedBehindOurBack = false;
        handler.delete(context(ID), DESIRED, Observation.of(ID, Readiness.READY));
        assertThat(cloudFront.enabled).isFalse();
    }

    @Test
    void teardownDisablesWaitsForTheDeploymentThenDeletesAndIsPresentUntilThen() {
        ResourceContext context = context(ID);
        Observation seen = handler.observe(context, DESIRED).orElseThrow();
        assertThat(seen.readiness()).isEqualTo(Readiness.READY);
        assertThat(seen.differences()).isEmpty();
        assertThat(seen.attributes())
                .containsEntry(EdgeLayer.DOMAIN_NAME, DOMAIN)
                .containsEntry(EdgeLayer.ARN, ARN);

        handler.delete(context, DESIRED, seen);
        Observation disabling = handler.observe(context, DESIRED).orElseThrow();
        assertThat(disabling.readiness()).isEqualTo(Readiness.pending("InProgress", Duration.ofSeconds(15)));
        assertThat(disabling.differences()).extracting(Difference::attribute).containsExactly("enabled");

        handler.delete(context, DESIRED, disabling);
        assertThat(cloudFront.gone).isFalse();

        cloudFront.status = "Deployed";
        handler.delete(context, DESIRED, handler.observe(context, DESIRED).orElseThrow());
        assertThat(cloudFront.gone).isTrue();
        assertThat(handler.observe(context, DESIRED)).isEmpty();
    }

    @Test
    void tagsChangeByKeyWithoutANewConfigurationOrDeployment() {
        ResourceContext context = context(ID);
        cloudFront.tags.put("owner", "someone");
        cloudFront.tags.put("Name", "renamed");

        Observation seen = handler.observe(context, DESIRED).orElseThrow();
        assertThat(seen.differences())
                .containsExactlyInAnyOrder(
                        new Difference("tags.Name", "web-cdn-distribution", "renamed"),
                        new Difference("tags.owner", "(none)", "someone"));
        handler.update(context, DESIRED, seen);

        assertThat(cloudFront.calls)
                .containsExactly(
                        "GetDistribution",
                        "UntagResource " + ARN + " [owner]",
                        "TagResource " + ARN + " [Name=web-cdn-distribution]");
        assertThat(handler.observe(context, DESIRED).orElseThrow().differences())
                .isEmpty();
        assertThat(cloudFront.status).isEqualTo("Deployed");
    }

    @Test
    void aSecondCreateAdoptsTheDistributionItsCallerReferenceMade() {
        cloudFront.alreadyExists = true;

        assertThat(handler.create(context(null), DESIRED)).isEqualTo(ID);
        assertThat(cloudFront.callerReferences).containsExactly(context(null).idempotencyToken());
    }

    private static ResourceContext context(String physicalId) {
        Instant now = Instant.now();
        var loadBalancer = new ResourceRecord(
                "env-1",
                LoadBalancerLayer.LOAD_BALANCER,
                "kind",
                ResourceState.READY,
                "arn:lb",
                0,
                null,
                null,
                Map.of(LoadBalancerLayer.DNS_NAME, LB_DNS),
                null,
                now,
                now,
                null);
        Map<ResourceKey, ResourceRecord> dependencies = Map.of(LoadBalancerLayer.LOAD_BALANCER, loadBalancer);
        return ResourceContext.of(
                "env-1", "web", "eu-central-1", EdgeLayer.DISTRIBUTION, physicalId, dependencies, Map.of());
    }

    /** One distribution, with the ETag CloudFront checks on every change. */
    private static final class FakeCloudFront implements CloudFrontClient {
        boolean enabled = true;
        String status = "Deployed";
        boolean gone;
        boolean changedBehindOurBack;
        boolean alreadyExists;
        int version = 1;
        final Map<String, String> tags = new LinkedHashMap<>(context(ID).tags());
        final List<String> calls = new ArrayList<>();
        final List<String> callerReferences = new ArrayList<>();

        private String eTag() {
            return "E" + version;
        }

        private DistributionConfig config() {
            DistributionConfig wanted = DistributionConfigs.desired(
                    new DistributionConfigs.Inputs("plinth environment web (env-1)", LB_DNS, null), "token");
            return wanted.toBuilder().enabled(enabled).build();
        }

        private void exists() {
            if (gone) {
                throw (NoSuchDistributionException) NoSuchDistributionException.builder()
                        .statusCode(404)
                        .awsErrorDetails(AwsErrorDetails.builder()
                                .errorCode("NoSuchDistribution")
                                .build())
                        .build();
            }
        }

        private void matches(String ifMatch) {
            if (changedBehindOurBack || !eTag().equals(ifMatch)) {
                throw (PreconditionFailedException) PreconditionFailedException.builder()
                        .statusCode(412)
                        .awsErrorDetails(AwsErrorDetails.builder()
                                .errorCode("PreconditionFailed")
                                .build())
                        .build();
            }
        }

        @Override
        public GetDistributionResponse getDistribution(GetDistributionRequest request) {
            calls.add("GetDistribution");
            exists();
            return GetDistributionResponse.builder()
                    .eTag(eTag())
                    .distribution(Distribution.builder()
                            .id(ID)
                            .arn(ARN)
                            .domainName(DOMAIN)
                            .status(status)
                            .distributionConfig(config())
                            .build())
                    .build();
        }

        @Override
        public GetDistributionConfigResponse getDistributionConfig(GetDistributionConfigRequest request) {
            calls.add("GetDistributionConfig");
            exists();
            return GetDistributionConfigResponse.builder()
                    .eTag(eTag())
                    .distributionConfig(config())
                    .build();
        }

        @Override
        public UpdateDistributionResponse updateDistribution(UpdateDistributionRequest request) {
            calls.add("UpdateDistribution enabled="
                    + request.distributionConfig().enabled() + " IfMatch=" + request.ifMatch());
            exists();
            matches(request.ifMatch());
            enabled = request.distributionConfig().enabled();
            status = "InProgress";
            version++;
            return UpdateDistributionResponse.builder().eTag(eTag()).build();
        }

        @Override
        public DeleteDistributionResponse deleteDistribution(DeleteDistributionRequest request) {
            calls.add("DeleteDistribution IfMatch=" + request.ifMatch());
            exists();
            matches(request.ifMatch());
            gone = true;
            return DeleteDistributionResponse.builder().build();
        }

        @Override
        public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest request) {
            assertThat(request.resource()).isEqualTo(ARN);
            return ListTagsForResourceResponse.builder()
                    .tags(t -> t.items(tags.entrySet().stream()
                            .map(e -> Tag.builder()
                                    .key(e.getKey())
                                    .value(e.getValue())
                                    .build())
                            .toList()))
                    .build();
        }

        @Override
        public TagResourceResponse tagResource(TagResourceRequest request) {
            calls.add("TagResource " + request.resource() + " "
                    + request.tags().items().stream()
                            .map(t -> t.key() + "=" + t.value())
                            .toList());
            request.tags().items().forEach(t -> tags.put(t.key(), t.value()));
            return TagResourceResponse.builder().build();
        }

        @Override
        public UntagResourceResponse untagResource(UntagResourceRequest request) {
            calls.add("UntagResource " + request.resource() + " "
                    + request.tagKeys().items());
            request.tagKeys().items().forEach(tags::remove);
            return UntagResourceResponse.builder().build();
        }

        @Override
        public ListDistributionsResponse listDistributions(ListDistributionsRequest request) {
            calls.add("ListDistributions");
            return ListDistributionsResponse.builder()
                    .distributionList(l -> l.quantity(0).isTruncated(false))
                    .build();
        }

        @Override
        public CreateDistributionWithTagsResponse createDistributionWithTags(
                CreateDistributionWithTagsRequest request) {
            callerReferences.add(
                    request.distributionConfigWithTags().distributionConfig().callerReference());
            if (alreadyExists) {
                String message = "The caller reference that you are using to create a distribution is associated with "
                        + "another distribution. Already exists: " + ID;
                throw (DistributionAlreadyExistsException) DistributionAlreadyExistsException.builder()
                        .statusCode(409)
                        .message(message)
                        .awsErrorDetails(AwsErrorDetails.builder()
                                .errorCode("DistributionAlreadyExists")
                                .errorMessage(message)
                                .build())
                        .build();
            }
            throw new UnsupportedOperationException();
        }

        @Override
        public String serviceName() {
            return "cloudfront";
        }

        @Override
        public void close() {}
    }
}
