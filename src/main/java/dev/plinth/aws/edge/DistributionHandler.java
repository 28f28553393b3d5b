package dev.plinth.aws.edge;

import dev.plinth.aws.RegionalClient;
import dev.plinth.aws.ServiceTags;
import dev.plinth.aws.TaggedAwsHandler;
import dev.plinth.aws.loadbalancer.LoadBalancerLayer;
import dev.plinth.engine.Observation;
import dev.plinth.engine.Readiness;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import dev.plinth.engine.ResourceKey;
import dev.plinth.engine.ResourceRecord;
import dev.plinth.engine.TagChanges;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.Distribution;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.DistributionList;
import software.amazon.awssdk.services.cloudfront.model.DistributionSummary;
import software.amazon.awssdk.services.cloudfront.model.GetDistributionConfigResponse;
import software.amazon.awssdk.services.cloudfront.model.GetDistributionResponse;
import software.amazon.awssdk.services.cloudfront.model.Tag;
import software.amazon.awssdk.services.cloudfront.model.Tags;

/**
 * The CloudFront distribution in front of the load balancer (and a static site's bucket). Up to five
 * minutes on AWS ({@code InProgress}, then {@code Deployed}). Created exactly once by its caller
 * reference (the idempotency token); a lost id is found again by its tags.
 *
 * <p>Deleting takes three passes at least: disable it; wait while the disabled configuration
 * deploys; delete it with its current ETag.
 */
@Component
class DistributionHandler extends TaggedAwsHandler<DistributionHandler.Desired, CloudFrontClient> {

    /** A static site's bucket and the origin access control CloudFront reads it through. */
    record StaticSite(ResourceKey bucket, ResourceKey originAccessControl) {}

    /** @param staticSite null unless the distribution also serves a static site */
    record Desired(ResourceKey loadBalancer, @Nullable StaticSite staticSite) implements ResourceDesired {}

    /** How CloudFront spells a tag. */
    private static final ServiceTags<Tag> TAGS = new ServiceTags<>(
            (key, value) -> Tag.builder().key(key).value(value).build(), Tag::key, Tag::value);

    static final String DEPLOYED = "Deployed";

    private static final String ALREADY_EXISTS = "DistributionAlreadyExists";
    /** NOTE: the emulator names the existing distribution at the end of the message; without it, tags find it. */
    private static final Pattern EXISTING_ID = Pattern.compile("Already exists: ([A-Z0-9]+)");

    private final Duration poll;

    DistributionHandler(RegionalClient<CloudFrontClient> client, CloudFrontProperties properties) {
        super(
                client,
                Desired.class,
                "AWS::CloudFront::Distribution",
                DistributionHandler::retag,
                attribute(EdgeLayer.ARN));
        this.poll = properties.pollInterval();
    }

    /** A distribution that is being disabled or deleted is still present, until AWS no longer knows it. */
    @Override
    public Optional<Observation> observe(ResourceContext context, Desired desired) {
        CloudFrontClient cloudFront = client(context);
        return find(cloudFront, context).map(found -> {
            Distribution d = found.distribution();
            var differences = new ArrayList<>(context.tagDifferences(tagsOf(cloudFront, d.arn())));
            inputs(context, desired)
                    .ifPresent(inputs -> differences.addAll(DistributionConfigs.differences(
                            DistributionConfigs.desired(
                                    inputs, d.distributionConfig().callerReference()),
                            d.distributionConfig())));
            Readiness readiness = DEPLOYED.equals(d.status()) ? Readiness.READY : Readiness.pending(d.status(), poll);
            return new Observation(
                    d.id(),
                    readiness,
                    differences,
                    Map.of(
                            EdgeLayer.DOMAIN_NAME, d.domainName(),
                            EdgeLayer.ARN, d.arn()));
        });
    }

    private static Optional<GetDistributionResponse> find(CloudFrontClient cloudFront, ResourceContext context) {
        if (context.physicalId() != null) {
            Optional<GetDistributionResponse> found = get(cloudFront, context.physicalId());
            if (found.isPresent()) {
                return found;
            }
        }
        return byTags(cloudFront, context).flatMap(id -> get(cloudFront, id));
    }

    private static Optional<GetDistributionResponse> get(CloudFrontClient cloudFront, String id) {
        return Edge.orNone(() -> cloudFront.getDistribution(r -> r.id(id)), Edge.NO_SUCH_DISTRIBUTION);
    }

    /**
     * The distribution tagged with this environment and key. Summaries carry no caller reference and
     * no tags; on AWS they carry the comment, which names the environment, so only those are asked
     * for their tags.
     */
    private static Optional<String> byTags(CloudFrontClient cloudFront, ResourceContext context) {
        String comment = Edge.comment(context);
        String marker = null;
        do {
            String from = marker;
            DistributionList list =
                    cloudFront.listDistributions(r -> r.marker(from)).distributionList();
            for (DistributionSummary summary : list.items()) {
                // NOTE: the emulator's summaries carry no comment
                if (summary.comment() != null && !summary.comment().equals(comment)) {
                    continue;
                }
                if (Edge.owns(context, tagsOf(cloudFront, summary.arn()))) {
                    return Optional.of(summary.id());
                }
            }
            marker = Boolean.TRUE.equals(list.isTruncated()) ? list.nextMarker() : null;
        } while (marker != null);
        return Optional.empty();
    }

    private static Map<String, String> tagsOf(CloudFrontClient cloudFront, String arn) {
        return cloudFront.listTagsForResource(r -> r.resource(arn)).tags().items().stream()
                .collect(Collectors.toMap(Tag::key, t -> t.value() == null ? "" : t.value(), (a, b) -> a));
    }

    /**
     * NOTE: a second create with the same caller reference answers DistributionAlreadyExists, naming
     * the distribution the first made: that one is adopted.
     */
    @Override
    public String create(ResourceContext context, Desired desired) {
        CloudFrontClient cloudFront = client(context);
        DistributionConfig config = DistributionConfigs.desired(required(context, desired), context.idempotencyToken());
        try {
            return cloudFront
                    .createDistributionWithTags(r -> r.distributionConfigWithTags(
                            w -> w.distributionConfig(config).tags(tags(context))))
                    .distribution()
                    .id();
        } catch (RuntimeException e) {
            if (Edge.hasCode(e, ALREADY_EXISTS)) {
                Matcher named = EXISTING_ID.matcher(String.valueOf(e.getMessage()));
                return (named.find() ? Optional.of(named.group(1)) : byTags(cloudFront, context)).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    /**
     * Writes the whole desired configuration (UpdateDistribution replaces it), keeping the caller
     * reference, unless only the tags differ.
     */
    @Override
    public void update(ResourceContext context, Desired desired, Observation observed) {
        if (retaggedOnly(context, observed)) {
            return;
        }
        CloudFrontClient cloudFront = client(context);
        GetDistributionConfigResponse current = cloudFront.getDistributionConfig(r -> r.id(observed.physicalId()));
        DistributionConfig config = DistributionConfigs.desired(
                required(context, desired), current.distributionConfig().callerReference());
        write(cloudFront, observed.physicalId(), current.eTag(), config);
    }

    /**
     * Tags change without a new configuration or deployment. NOTE: TagResource overwrites the value of a
     * key the distribution has; UntagResource of a key it does not have is no error.
     */
    static void retag(CloudFrontClient cloudFront, String arn, TagChanges changes) {
        changes.apply(
                keys -> cloudFront.untagResource(r -> r.resource(arn).tagKeys(k -> k.items(keys))),
                tags -> cloudFront.tagResource(r -> r.resource(arn).tags(t -> t.items(TAGS.list(tags)))));
    }

    /**
     * One step per pass: an enabled distribution is disabled; a disabled one still deploying is left
     * to finish; a disabled, deployed one is deleted. Each step reads the current ETag first.
     */
    @Override
    public void delete(ResourceContext context, Desired desired, Observation observed) {
        CloudFrontClient cloudFront = client(context);
        String id = observed.physicalId();
        Optional<GetDistributionResponse> now = get(cloudFront, id);
        if (now.isEmpty()) {
            return;
        }
        Distribution d = now.get().distribution();
        if (!Boolean.FALSE.equals(d.distributionConfig().enabled())) {
            GetDistributionConfigResponse current = cloudFront.getDistributionConfig(r -> r.id(id));
            write(
                    cloudFront,
                    id,
                    current.eTag(),
                    current.distributionConfig().toBuilder().enabled(false).build());
            return;
        }
        if (!DEPLOYED.equals(d.status())) {
            return;
        }
        // NOTE: PreconditionFailed: changed since the read; the next pass reads the new ETag and tries again
        Edge.unless(
                () -> cloudFront.deleteDistribution(
                        r -> r.id(id).ifMatch(now.get().eTag())),
                Edge.NO_SUCH_DISTRIBUTION,
                Edge.PRECONDITION_FAILED);
    }

    /** NOTE: PreconditionFailed: changed since the read; the next pass reads the new ETag and tries again. */
    private static void write(CloudFrontClient cloudFront, String id, String eTag, DistributionConfig config) {
        Edge.unless(
                () -> cloudFront.updateDistribution(r -> r.id(id).ifMatch(eTag).distributionConfig(config)),
                Edge.NO_SUCH_DISTRIBUTION,
                Edge.PRECONDITION_FAILED);
    }

    private static DistributionConfigs.Inputs required(ResourceContext context, Desired desired) {
        return inputs(context, desired)
                .orElseThrow(() -> new IllegalStateException(context.key()
                        + " needs the load balancer's DNS name"
                        + (desired.staticSite() == null
                                ? ""
                                : ", the bucket's domain name" + " and the origin access control's id")
                        + ", which its dependencies did not publish"));
    }

    /** The origins' addresses, when the records of the dependencies still have them. */
    private static Optional<DistributionConfigs.Inputs> inputs(ResourceContext context, Desired desired) {
        Optional<String> loadBalancerDns = attribute(context, desired.loadBalancer(), LoadBalancerLayer.DNS_NAME);
        if (loadBalancerDns.isEmpty()) {
            return Optional.empty();
        }
        DistributionConfigs.StaticSiteOrigin site = null;
        StaticSite staticSite = desired.staticSite();
        if (staticSite != null) {
            Optional<String> bucket = attribute(context, staticSite.bucket(), EdgeLayer.REGIONAL_DOMAIN_NAME);
            Optional<String> accessControl = id(context, staticSite.originAccessControl());
            if (bucket.isEmpty() || accessControl.isEmpty()) {
                return Optional.empty();
            }
            site = new DistributionConfigs.StaticSiteOrigin(bucket.get(), accessControl.get());
        }
        return Optional.of(new DistributionConfigs.Inputs(Edge.comment(context), loadBalancerDns.get(), site));
    }

    private static Optional<String> attribute(ResourceContext context, ResourceKey key, String name) {
        ResourceRecord record = context.dependencies().get(key);
        return Optional.ofNullable(record == null ? null : record.attributes().get(name));
    }

    private static Optional<String> id(ResourceContext context, ResourceKey key) {
        ResourceRecord record = context.dependencies().get(key);
        return Optional.ofNullable(record == null ? null : record.physicalId());
    }

    private static Tags tags(ResourceContext context) {
        return Tags.builder().items(TAGS.of(context)).build();
    }
}
