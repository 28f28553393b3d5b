package dev.plinth.aws.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.engine.Difference;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.cloudfront.model.CacheBehavior;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.Origin;
import software.amazon.awssdk.services.cloudfront.model.OriginProtocolPolicy;
import software.amazon.awssdk.services.cloudfront.model.PriceClass;
import software.amazon.awssdk.services.cloudfront.model.ViewerProtocolPolicy;

class DistributionConfigsTest {

    private static final String LB = "web-1a2b3c-123456789.eu-central-1.elb.amazonaws.com";
    private static final DistributionConfigs.Inputs API_ONLY =
            new DistributionConfigs.Inputs("plinth environment web", LB, null);
    private static final DistributionConfigs.Inputs STATIC_SITE = new DistributionConfigs.Inputs(
            "plinth environment web",
            LB,
            new DistributionConfigs.StaticSiteOrigin(
                    "plinth-web-1a2b3c4d.s3.eu-central-1.amazonaws.com", "E2QWRUHAPOMQZL"));

    @Test
    void theLoadBalancerIsAnHttpOnlyOriginBehindHttpsViewersWithoutCaching() {
        DistributionConfig config = DistributionConfigs.desired(API_ONLY, "token");

        assertThat(config.callerReference()).isEqualTo("token");
        assertThat(config.enabled()).isTrue();
        assertThat(config.priceClass()).isEqualTo(PriceClass.PRICE_CLASS_100);
        assertThat(config.viewerCertificate().cloudFrontDefaultCertificate()).isTrue();
        assertThat(config.origins().quantity()).isEqualTo(1);
        Origin origin = config.origins().items().getFirst();
        assertThat(origin.domainName()).isEqualTo(LB);
        assertThat(origin.customOriginConfig().originProtocolPolicy()).isEqualTo(OriginProtocolPolicy.HTTP_ONLY);
        assertThat(origin.customOriginConfig().httpPort()).isEqualTo(80);
        assertThat(config.defaultCacheBehavior().targetOriginId()).isEqualTo(origin.id());
        assertThat(config.defaultCacheBehavior().viewerProtocolPolicy())
                .isEqualTo(ViewerProtocolPolicy.REDIRECT_TO_HTTPS);
        assertThat(config.defaultCacheBehavior().cachePolicyId()).isEqualTo("4135ea2d-6df8-44a3-9df3-4b5a84be39ad");
        assertThat(config.defaultCacheBehavior().originRequestPolicyId())
                .isEqualTo("216adef6-5c7f-47e4-b989-5492eafa07d3");
        assertThat(config.defaultCacheBehavior().allowedMethods().itemsAsStrings())
                .containsExactlyInAnyOrder("GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE");
        assertThat(config.cacheBehaviors().quantity()).isZero();
    }

    @Test
    void aStaticSiteIsTheDefaultOriginAndTheApiGoesToTheLoadBalancer() {
        DistributionConfig config = DistributionConfigs.desired(STATIC_SITE, "token");

        assertThat(config.defaultRootObject()).isEqualTo("index.html");
        assertThat(config.origins().quantity()).isEqualTo(2);
        Origin site = config.origins().items().get(1);
        assertThat(site.domainName()).isEqualTo("plinth-web-1a2b3c4d.s3.eu-central-1.amazonaws.com");
        assertThat(site.originAccessControlId()).isEqualTo("E2QWRUHAPOMQZL");
        assertThat(site.s3OriginConfig().originAccessIdentity()).isEmpty();
        assertThat(config.defaultCacheBehavior().targetOriginId()).isEqualTo(site.id());
        assertThat(config.defaultCacheBehavior().cachePolicyId()).isEqualTo("658327ea-f89d-4fab-a63d-7e88639e58f6");
        assertThat(config.defaultCacheBehavior().allowedMethods().itemsAsStrings())
                .containsExactlyInAnyOrder("GET", "HEAD");
        CacheBehavior api = config.cacheBehaviors().items().getFirst();
        assertThat(api.pathPattern()).isEqualTo("/api/*");
        assertThat(api.targetOriginId())
                .isEqualTo(config.origins().items().getFirst().id());
        assertThat(api.cachePolicyId()).isEqualTo("4135ea2d-6df8-44a3-9df3-4b5a84be39ad");
        assertThat(api.originRequestPolicyId()).isEqualTo("216adef6-5c7f-47e4-b989-5492eafa07d3");
        assertThat(api.allowedMethods().quantity()).isEqualTo(7);
    }

    static Stream<Arguments> drift() {
        return Stream.of(
                Arguments.of("as wanted", API_ONLY, UnaryOperator.<DistributionConfig>identity(), List.of()),
                Arguments.of(
                        "disabled",
                        API_ONLY,
                        (UnaryOperator<DistributionConfig>)
                                c -> c.toBuilder().enabled(false).build(),
                        List.of("enabled")),
                Arguments.of(
                        "another price class",
                        API_ONLY,
                        (UnaryOperator<DistributionConfig>) c -> c.toBuilder()
                                .priceClass(PriceClass.PRICE_CLASS_ALL)
                                .build(),
                        List.of("priceClass")),
                Arguments.of(
                        "origin moved to HTTPS",
                        API_ONLY,
                        (UnaryOperator<DistributionConfig>) c -> c.toBuilder()
                                .origins(o -> o.quantity(1)
                                        .items(c.origins().items().getFirst().toBuilder()
                                                .customOriginConfig(
                                                        c.origins().items().getFirst().customOriginConfig().toBuilder()
                                                                .originProtocolPolicy(OriginProtocolPolicy.HTTPS_ONLY)
                                                                .build())
                                                .build()))
                                .build(),
                        List.of("origin[load-balancer].protocolPolicy")),
                Arguments.of(
                        "caching switched on",
                        API_ONLY,
                        (UnaryOperator<DistributionConfig>) c -> c.toBuilder()
                                .defaultCacheBehavior(c.defaultCacheBehavior().toBuilder()
                                        .cachePolicyId("658327ea-f89d-4fab-a63d-7e88639e58f6")
                                        .build())
                                .build(),
                        List.of("behaviour[default].cachePolicy")),
                Arguments.of(
                        "api behaviour removed",
                        STATIC_SITE,
                        (UnaryOperator<DistributionConfig>) c -> c.toBuilder()
                                .cacheBehaviors(b -> b.quantity(0).items(List.of()))
                                .build(),
                        List.of(
                                "behaviour[/api/*].allowedMethods",
                                "behaviour[/api/*].cachePolicy",
                                "behaviour[/api/*].originRequestPolicy",
                                "behaviour[/api/*].target",
                                "behaviour[/api/*].viewerProtocolPolicy")),
                // NOTE: the emulator does not report origin access controls: not a difference
                Arguments.of(
                        "access control not reported",
                        STATIC_SITE,
                        (UnaryOperator<DistributionConfig>) c -> c.toBuilder()
                                .origins(o -> o.quantity(2)
                                        .items(c.origins().items().stream()
                                                .map(origin -> origin.toBuilder()
                                                        .originAccessControlId(null)
                                                        .s3OriginConfig(
                                                                (software.amazon.awssdk.services.cloudfront.model
                                                                                .S3OriginConfig)
                                                                        null)
                                                        .build())
                                                .toList()))
                                .build(),
                        List.of()),
                Arguments.of(
                        "access control removed",
                        STATIC_SITE,
                        (UnaryOperator<DistributionConfig>) c -> c.toBuilder()
                                .origins(o -> o.quantity(2)
                                        .items(c.origins().items().stream()
                                                .map(origin -> origin.toBuilder()
                                                        .originAccessControlId("")
                                                        .build())
                                                .toList()))
                                .build(),
                        List.of("origin[static-site].originAccessControlId")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("drift")
    void differencesNameTheSettingsThatDrifted(
            String name,
            DistributionConfigs.Inputs inputs,
            UnaryOperator<DistributionConfig> change,
            List<String> drifted) {
        DistributionConfig desired = DistributionConfigs.desired(inputs, "token");

        List<Difference> differences = DistributionConfigs.differences(desired, change.apply(desired));

        assertThat(differences).extracting(Difference::attribute).containsExactlyElementsOf(drifted);
    }
}
