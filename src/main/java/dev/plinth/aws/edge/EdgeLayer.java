package dev.plinth.aws.edge;

import dev.plinth.aws.loadbalancer.LoadBalancerLayer;
import dev.plinth.engine.Layer;
import dev.plinth.engine.LayerNodes;
import dev.plinth.engine.ResourceKey;
import dev.plinth.engine.ResourceNode;
import dev.plinth.spec.CdnSpec;
import dev.plinth.spec.EnvironmentSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The edge layer as data: a CloudFront distribution, HTTPS for viewers (HTTP redirected), with the
 * load balancer as its origin; for a static site also a private S3 bucket as the default origin,
 * read through an origin access control, with {@code /api/*} routed to the load balancer, and the
 * bucket policy that lets only this distribution read it.
 */
public final class EdgeLayer {

    public static final ResourceKey DISTRIBUTION = ResourceKey.of("cdn", "distribution");
    public static final ResourceKey BUCKET = ResourceKey.of("cdn", "bucket");
    public static final ResourceKey ORIGIN_ACCESS_CONTROL = ResourceKey.of("cdn", "origin-access-control");
    public static final ResourceKey BUCKET_POLICY = ResourceKey.of("cdn", "bucket-policy");

    /** On {@link #DISTRIBUTION}: its domain name, {@code d111111abcdef8.cloudfront.net}. */
    public static final String DOMAIN_NAME = "domainName";
    /** On {@link #DISTRIBUTION} and {@link #BUCKET}: the ARN. */
    public static final String ARN = "arn";
    /** On {@link #BUCKET}: its regional domain name, {@code <bucket>.s3.<region>.amazonaws.com}, CloudFront's origin. */
    public static final String REGIONAL_DOMAIN_NAME = "regionalDomainName";

    /** The path the static site's distribution routes to the load balancer. */
    public static final String API_PATH = "/api/*";

    private EdgeLayer() {}

    /** The resources of the edge layer; none without a cdn section. */
    public static List<ResourceNode> nodes(EnvironmentSpec spec, List<String> zones) {
        CdnSpec cdn = spec.cdn();
        if (!spec.hasCdn() || cdn == null) {
            return List.of();
        }
        var nodes = new LayerNodes(Layer.EDGE);
        // CreateDistribution takes the origin's domain name and nothing else of it: the load balancer's DNS name is
        // known from CreateLoadBalancer on (API reference, "LoadBalancer": DNSName), minutes before it is active,
        // and CloudFront deploys for minutes more; the environment is READY only once the listener is too
        var distributionNeeds = new ArrayList<>(List.of(LoadBalancerLayer.LOAD_BALANCER));
        DistributionHandler.@Nullable StaticSite staticSite = null;
        if (Boolean.TRUE.equals(cdn.staticSite())) {
            staticSite = new DistributionHandler.StaticSite(BUCKET, ORIGIN_ACCESS_CONTROL);
            nodes.add(BUCKET, new BucketHandler.Desired());
            nodes.add(ORIGIN_ACCESS_CONTROL, new OriginAccessControlHandler.Desired());
            distributionNeeds.addAll(List.of(BUCKET, ORIGIN_ACCESS_CONTROL));
        }
        nodes.add(
                DISTRIBUTION,
                new DistributionHandler.Desired(LoadBalancerLayer.LOAD_BALANCER, staticSite),
                distributionNeeds,
                Map.of(LoadBalancerLayer.LOAD_BALANCER, LoadBalancerLayer.DNS_NAME));
        if (staticSite != null) {
            nodes.add(BUCKET_POLICY, new BucketPolicyHandler.Desired(BUCKET, DISTRIBUTION), BUCKET, DISTRIBUTION);
        }
        return nodes.list();
    }
}
