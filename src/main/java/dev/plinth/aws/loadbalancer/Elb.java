package dev.plinth.aws.loadbalancer;

import dev.plinth.aws.Describe;
import dev.plinth.aws.ServiceTags;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.TagChanges;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;

/** Names, tags and ownership of the load balancer's resources. */
final class Elb {

    /** Load balancer and target group names: at most 32 letters, digits and hyphens, unique per region. */
    static final int MAX_NAME = 32;

    private static final int HASH_LENGTH = 6;
    private static final String RESERVED_PREFIX = "internal-";

    static final ServiceTags<Tag> TAGS = new ServiceTags<>(
            (key, value) -> Tag.builder().key(key).value(value).build(), Tag::key, Tag::value);

    private Elb() {}

    /**
     * A name unique per region within 32 characters: the environment name, cut to fit, then the first
     * hex digits of a SHA-256 of the environment id (so two environments never share a name, however
     * their names are cut), then {@code suffix}.
     */
    static String name(String environmentName, String environmentId, String suffix) {
        String tail = "-" + sha256(environmentId).substring(0, HASH_LENGTH) + suffix;
        String head = environmentName.length() > MAX_NAME - tail.length()
                ? environmentName.substring(0, MAX_NAME - tail.length())
                : environmentName;
        while (head.endsWith("-")) {
            head = head.substring(0, head.length() - 1);
        }
        // NOTE: CreateLoadBalancer refuses names that start with "internal-" (ELBv2 API reference, Name),
        // which the environment's name followed by the tail can make ("internal" + "-1a2b3c")
        String name = head + tail;
        return name.startsWith(RESERVED_PREFIX) ? "env-" + name.substring(RESERVED_PREFIX.length()) : name;
    }

    static String name(ResourceContext context, String suffix) {
        return name(context.environmentName(), context.environmentId(), suffix);
    }

    /** Whether the resource {@code arn} carries this environment's and this key's tags. */
    static boolean owns(ElasticLoadBalancingV2Client elb, ResourceContext context, String arn) {
        return context.owns(tagsOf(elb, arn));
    }

    /** The tags of the load balancer, target group or listener {@code arn}: ELB describes them apart. */
    static Map<String, String> tagsOf(ElasticLoadBalancingV2Client elb, String arn) {
        return TAGS.map(Describe.orNone(
                        () -> elb.describeTags(r -> r.resourceArns(arn)).tagDescriptions())
                .stream()
                .map(TagDescription::tags)
                .flatMap(List::stream)
                .toList());
    }

    /**
     * Sets and removes tags of the resource {@code arn}, by key.
     * NOTE: AddTags and RemoveTags take up to 20 resources a call (plinth gives one);
     * AddTags overwrites the value of a key the resource has, RemoveTags of a key it does not have is
     * no error.
     */
    static void retag(ElasticLoadBalancingV2Client elb, String arn, TagChanges changes) {
        changes.apply(
                keys -> elb.removeTags(r -> r.resourceArns(arn).tagKeys(keys)),
                tags -> elb.addTags(r -> r.resourceArns(arn).tags(TAGS.list(tags))));
    }

    /**
     * The CloudWatch dimension value of a load balancer or target group: its ARN from {@code marker}
     * on, for example {@code app/<name>/<id>} after {@code loadbalancer/}.
     */
    static String dimension(String arn, String marker, boolean keepMarker) {
        int at = arn.indexOf(marker);
        if (at < 0) {
            throw new IllegalArgumentException("not an ARN with " + marker + ": " + arn);
        }
        return arn.substring(keepMarker ? at : at + marker.length());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
