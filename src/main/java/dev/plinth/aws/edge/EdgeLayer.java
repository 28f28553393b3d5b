package dev.plinth.aws.edge;

import dev.plinth.engine.ResourceKey;
import dev.plinth.engine.ResourceNode;
import dev.plinth.environment.EnvironmentSpec;
import java.util.List;

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

    private EdgeLayer() {}

    /** The resources of the edge layer; none without a cdn section. */
    public static List<ResourceNode> nodes(EnvironmentSpec spec, List<String> zones) {
        return List.of();
    }
}
