package dev.plinth.aws.edge;

import dev.plinth.engine.Difference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.cloudfront.model.AllowedMethods;
import software.amazon.awssdk.services.cloudfront.model.CacheBehavior;
import software.amazon.awssdk.services.cloudfront.model.CacheBehaviors;
import software.amazon.awssdk.services.cloudfront.model.DefaultCacheBehavior;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.Method;
import software.amazon.awssdk.services.cloudfront.model.Origin;
import software.amazon.awssdk.services.cloudfront.model.OriginProtocolPolicy;
import software.amazon.awssdk.services.cloudfront.model.PriceClass;
import software.amazon.awssdk.services.cloudfront.model.SslProtocol;
import software.amazon.awssdk.services.cloudfront.model.ViewerProtocolPolicy;

/**
 * The distribution's configuration as plinth wants it, and the settings by which an existing one is
 * compared with it: viewers on HTTPS (HTTP redirected), the default CloudFront certificate, the
 * cheapest price class; the load balancer as an HTTP-only custom origin; for a static site the S3
 * bucket (through an origin access control) as the default origin and {@code /api/*} to the load
 * balancer.
 */
final class DistributionConfigs {

    /** AWS-managed cache policy {@code Managed-CachingDisabled}: every request goes to the origin. */
    static final String CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
    /** AWS-managed cache policy {@code Managed-CachingOptimized}: for static files. */
    static final String CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6";
    /** AWS-managed origin request policy {@code Managed-AllViewer}: headers, cookies and query strings pass to the origin. */
    static final String ALL_VIEWER = "216adef6-5c7f-47e4-b989-5492eafa07d3";

    static final String LOAD_BALANCER_ORIGIN = "load-balancer";
    static final String STATIC_SITE_ORIGIN = "static-site";
    static final String DEFAULT_ROOT_OBJECT = "index.html";
    static final int ORIGIN_HTTP_PORT = 80;
    private static final int ORIGIN_HTTPS_PORT = 443;

    static final String ENABLED = "enabled";
    private static final String ORIGIN_ACCESS_CONTROL = ".originAccessControlId";

    private static final List<Method> ALL_METHODS =
            List.of(Method.GET, Method.HEAD, Method.OPTIONS, Method.PUT, Method.POST, Method.PATCH, Method.DELETE);
    private static final List<Method> READ_METHODS = List.of(Method.GET, Method.HEAD);

    /** What the configuration is made from: the origins' addresses, resolved from the dependencies. */
    record Inputs(
            String comment,
            String loadBalancerDns,
            @Nullable StaticSiteOrigin staticSite) {}

    /** The static site's bucket as an origin: its regional domain name and the origin access control's id. */
    record StaticSiteOrigin(String bucketDomainName, String originAccessControlId) {}

    private DistributionConfigs() {}

    static DistributionConfig desired(Inputs inputs, String callerReference) {
        var origins = new ArrayList<Origin>();
        origins.add(Origin.builder()
                .id(LOAD_BALANCER_ORIGIN)
                .domainName(inputs.loadBalancerDns())
                .customOriginConfig(c -> c.httpPort(ORIGIN_HTTP_PORT)
                        .httpsPort(ORIGIN_HTTPS_PORT)
                        .originProtocolPolicy(OriginProtocolPolicy.HTTP_ONLY)
                        .originSslProtocols(p -> p.quantity(1).items(SslProtocol.TLS_V1_2)))
                .build());
        DistributionConfig.Builder config = DistributionConfig.builder()
                .callerReference(callerReference)
                .comment(inputs.comment())
                .enabled(true)
                .priceClass(PriceClass.PRICE_CLASS_100)
                .viewerCertificate(v -> v.cloudFrontDefaultCertificate(true));
        if (inputs.staticSite() == null) {
            config.defaultCacheBehavior(
                            toLoadBalancer(DefaultCacheBehavior.builder()).build())
                    .cacheBehaviors(CacheBehaviors.builder().quantity(0).build())
                    .defaultRootObject("");
        } else {
            origins.add(Origin.builder()
                    .id(STATIC_SITE_ORIGIN)
                    .domainName(inputs.staticSite().bucketDomainName())
                    .originAccessControlId(inputs.staticSite().originAccessControlId())
                    // NOTE: with an origin access control the S3 origin still needs an empty origin access identity
                    .s3OriginConfig(s -> s.originAccessIdentity(""))
                    .build());
            config.defaultCacheBehavior(DefaultCacheBehavior.builder()
                            .targetOriginId(STATIC_SITE_ORIGIN)
                            .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                            .cachePolicyId(CACHING_OPTIMIZED)
                            .allowedMethods(methods(READ_METHODS))
                            .compress(true)
                            .build())
                    .cacheBehaviors(CacheBehaviors.builder()
                            .quantity(1)
                            .items(CacheBehavior.builder()
                                    .pathPattern(EdgeLayer.API_PATH)
                                    .targetOriginId(LOAD_BALANCER_ORIGIN)
                                    .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                                    .cachePolicyId(CACHING_DISABLED)
                                    .originRequestPolicyId(ALL_VIEWER)
                                    .allowedMethods(methods(ALL_METHODS))
                                    .compress(true)
                                    .build())
                            .build())
                    .defaultRootObject(DEFAULT_ROOT_OBJECT);
        }
        return config.origins(o -> o.quantity(origins.size()).items(origins)).build();
    }

    private static DefaultCacheBehavior.Builder toLoadBalancer(DefaultCacheBehavior.Builder behaviour) {
        return behaviour
                .targetOriginId(LOAD_BALANCER_ORIGIN)
                .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                .cachePolicyId(CACHING_DISABLED)
                .originRequestPolicyId(ALL_VIEWER)
                .allowedMethods(methods(ALL_METHODS))
                .compress(true);
    }

    private static AllowedMethods methods(List<Method> methods) {
        return AllowedMethods.builder()
                .quantity(methods.size())
                .items(methods)
                .cachedMethods(c -> c.quantity(READ_METHODS.size()).items(READ_METHODS))
                .build();
    }

    /**
     * The settings plinth manages, by a readable name ({@code origin[load-balancer].protocolPolicy},
     * {@code behaviour[/api/*].cachePolicy}); what two configurations are compared by.
     */
    static SortedMap<String, String> settings(DistributionConfig config) {
        var settings = new TreeMap<String, String>();
        settings.put(ENABLED, String.valueOf(config.enabled()));
        settings.put("priceClass", config.priceClassAsString());
        settings.put("defaultRootObject", Objects.requireNonNullElse(config.defaultRootObject(), ""));
        settings.put(
                "viewerCertificate",
                config.viewerCertificate() != null
                                && Boolean.TRUE.equals(
                                        config.viewerCertificate().cloudFrontDefaultCertificate())
                        ? "cloudfront-default"
                        : "custom");
        if (config.origins() != null) {
            for (Origin origin : config.origins().items()) {
                String at = "origin[" + origin.id() + "]";
                settings.put(at + ".domainName", origin.domainName());
                if (origin.customOriginConfig() != null) {
                    settings.put(
                            at + ".protocolPolicy", origin.customOriginConfig().originProtocolPolicyAsString());
                    settings.put(
                            at + ".httpPort",
                            String.valueOf(origin.customOriginConfig().httpPort()));
                }
                if (origin.originAccessControlId() != null) {
                    settings.put(at + ORIGIN_ACCESS_CONTROL, origin.originAccessControlId());
                }
            }
        }
        DefaultCacheBehavior main = config.defaultCacheBehavior();
        if (main != null) {
            behaviour(
                    settings,
                    "behaviour[default]",
                    main.targetOriginId(),
                    main.viewerProtocolPolicyAsString(),
                    main.cachePolicyId(),
                    main.originRequestPolicyId(),
                    main.allowedMethods());
        }
        if (config.cacheBehaviors() != null) {
            for (CacheBehavior b : config.cacheBehaviors().items()) {
                behaviour(
                        settings,
                        "behaviour[" + b.pathPattern() + "]",
                        b.targetOriginId(),
                        b.viewerProtocolPolicyAsString(),
                        b.cachePolicyId(),
                        b.originRequestPolicyId(),
                        b.allowedMethods());
            }
        }
        return settings;
    }

    private static void behaviour(
            Map<String, String> settings,
            String at,
            String target,
            String viewerProtocolPolicy,
            String cachePolicy,
            String originRequestPolicy,
            AllowedMethods methods) {
        settings.put(at + ".target", target);
        settings.put(at + ".viewerProtocolPolicy", viewerProtocolPolicy);
        settings.put(at + ".cachePolicy", Objects.requireNonNullElse(cachePolicy, ""));
        settings.put(at + ".originRequestPolicy", Objects.requireNonNullElse(originRequestPolicy, ""));
        settings.put(
                at + ".allowedMethods",
                methods == null ? "" : String.join(",", new TreeSet<>(methods.itemsAsStrings())));
    }

    /** The managed settings of {@code actual} that are not as in {@code desired}. */
    static List<Difference> differences(DistributionConfig desired, DistributionConfig actual) {
        SortedMap<String, String> want = settings(desired);
        SortedMap<String, String> have = settings(actual);
        var keys = new TreeSet<>(want.keySet());
        keys.addAll(have.keySet());
        var differences = new ArrayList<Difference>();
        for (String key : keys) {
            String wanted = want.get(key);
            String actually = have.get(key);
            if (key.endsWith(ORIGIN_ACCESS_CONTROL)) {
                // NOTE: the emulator does not report an origin's access control at all; AWS reports "" for none
                if (actually == null) {
                    continue;
                }
                wanted = Objects.requireNonNullElse(wanted, "");
            }
            if (!Objects.equals(wanted, actually)) {
                differences.add(new Difference(key, String.valueOf(wanted), String.valueOf(actually)));
            }
        }
        return differences;
    }
}
