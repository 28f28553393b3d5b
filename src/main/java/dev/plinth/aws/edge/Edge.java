package dev.plinth.aws.edge;

import dev.plinth.aws.AwsErrors;
import dev.plinth.engine.ResourceContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Names, tags and error codes shared by the edge layer's handlers. */
final class Edge {

    /** S3 bucket names: 3 to 63 lower-case letters, digits, hyphens (and dots), unique across all of AWS. */
    static final int MAX_BUCKET_NAME = 63;
    /** Origin access control names: at most 64 characters, unique per account. */
    static final int MAX_ORIGIN_ACCESS_CONTROL_NAME = 64;
    /** A distribution's comment: at most 128 characters. */
    static final int MAX_COMMENT = 128;

    private static final int HASH_LENGTH = 8;

    // NOTE: CloudFront and S3 say "no such thing" as NoSuch*, which AwsErrors does not count as not found
    static final String NO_SUCH_DISTRIBUTION = "NoSuchDistribution";
    static final String NO_SUCH_ORIGIN_ACCESS_CONTROL = "NoSuchOriginAccessControl";
    static final String NO_SUCH_BUCKET = "NoSuchBucket";
    /** An If-Match ETag that is no longer current: someone changed the resource since we read it. */
    static final String PRECONDITION_FAILED = "PreconditionFailed";

    private Edge() {}

    /**
     * The static site's bucket: {@code plinth-<environment>-<8 hex of SHA-256(environment id)>}, lower
     * case, at most 63 characters. The hash keeps it unique across AWS and stable for the environment.
     */
    static String bucketName(String environmentName, String environmentId) {
        String tail = "-" + hash(environmentId);
        String head = ("plinth-" + environmentName).toLowerCase(Locale.ROOT);
        if (head.length() > MAX_BUCKET_NAME - tail.length()) {
            head = head.substring(0, MAX_BUCKET_NAME - tail.length());
        }
        while (head.endsWith("-") || head.endsWith(".")) {
            head = head.substring(0, head.length() - 1);
        }
        return head + tail;
    }

    static String bucketName(ResourceContext context) {
        return bucketName(context.environmentName(), context.environmentId());
    }

    /** {@code context.name()} when it fits 64 characters; else cut, with the environment id's hash for uniqueness. */
    static String originAccessControlName(ResourceContext context) {
        return fit(context.name(), MAX_ORIGIN_ACCESS_CONTROL_NAME, context.environmentId());
    }

    /** The distribution's comment: names the environment, and is how a lost distribution is narrowed down. */
    static String comment(ResourceContext context) {
        return fit(
                "plinth environment " + context.environmentName() + " (" + context.environmentId() + ")",
                MAX_COMMENT,
                context.environmentId());
    }

    static String fit(String name, int max, String environmentId) {
        if (name.length() <= max) {
            return name;
        }
        String tail = "-" + hash(environmentId);
        String head = name.substring(0, max - tail.length());
        while (head.endsWith("-")) {
            head = head.substring(0, head.length() - 1);
        }
        return head + tail;
    }

    /** The partition of a region's ARNs. */
    static String partition(String region) {
        return region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }

    /** The bucket's regional domain name, which CloudFront reaches an S3 origin by. */
    static String regionalDomainName(String bucket, String region) {
        return bucket + ".s3." + region + ".amazonaws.com" + (region.startsWith("cn-") ? ".cn" : "");
    }

    static String bucketArn(String bucket, String region) {
        return "arn:" + partition(region) + ":s3:::" + bucket;
    }

    /** Whether the tags name this environment and this resource key. */
    static boolean owns(ResourceContext context, Map<String, String> tags) {
        return context.owns(tags);
    }

    /** True when AWS answered with any of these error codes. */
    static boolean hasCode(Throwable e, String... codes) {
        return List.of(codes).stream().anyMatch(code -> AwsErrors.hasCode(e, code));
    }

    /** What {@code read} returns, or empty when AWS answers that the thing does not exist (any of {@code codes}, or a not-found). */
    static <T> Optional<T> orNone(Supplier<T> read, String... codes) {
        try {
            return Optional.of(read.get());
        } catch (RuntimeException e) {
            if (AwsErrors.isNotFound(e) || hasCode(e, codes)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Runs a call; an answer naming one of {@code codes} counts as done (gone already, or to be retried next pass). */
    static void unless(Runnable call, String... codes) {
        try {
            call.run();
        } catch (RuntimeException e) {
            if (AwsErrors.isNotFound(e) || hasCode(e, codes)) {
                return;
            }
            throw e;
        }
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
