package dev.plinth.aws.orphans;

/**
 * An ARN split the way the Resource Groups Tagging API names resource types:
 * {@code arn:aws:ec2:eu-west-1:123456789012:vpc/vpc-0abc} is of type {@code ec2:vpc} with the id
 * {@code vpc-0abc}; {@code arn:aws:s3:::plinth-web-1a2b3c4d} is of type {@code s3:bucket}.
 *
 * @param value    the whole ARN
 * @param type     {@code service:kind}, for example {@code ec2:subnet}, {@code rds:db}, {@code logs:log-group}
 * @param resource what follows the kind's separator: an id, a name, or a path such as
 *                 {@code app/web/50dc6c495c0c9188} for a load balancer
 */
public record ResourceArn(String value, String type, String resource) {

    /** Parses an ARN; a string that is not one has the type {@code unknown}. */
    public static ResourceArn parse(String arn) {
        String[] parts = arn.split(":", 6);
        // NOTE: the emulator leaves the (empty) region field out of CloudFront ARNs:
        // arn:aws:cloudfront:123456789012:distribution/ID
        boolean regionLeftOut = parts.length == 5 && "cloudfront".equals(parts[2]);
        if ((parts.length < 6 && !regionLeftOut) || !"arn".equals(parts[0])) {
            return new ResourceArn(arn, "unknown", arn);
        }
        String service = parts[2];
        String rest = parts[parts.length - 1];
        int slash = rest.indexOf('/');
        int colon = rest.indexOf(':');
        int cut = slash < 0 ? colon : colon < 0 ? slash : Math.min(slash, colon);
        if (cut < 0) {
            // NOTE: S3 bucket ARNs name the bucket alone, without a kind
            return "s3".equals(service)
                    ? new ResourceArn(arn, "s3:bucket", rest)
                    : new ResourceArn(arn, service + ":" + rest, "");
        }
        return new ResourceArn(arn, service + ":" + rest.substring(0, cut), rest.substring(cut + 1));
    }

    /** The part of {@link #resource} after its last {@code /}: the id in {@code service/cluster/name}. */
    String lastSegment() {
        return resource.substring(resource.lastIndexOf('/') + 1);
    }
}
