package dev.plinth.testing.behaviour;

/** How an AWS API frames its requests and errors. */
public enum Protocol {
    /** EC2's own query protocol: form body, XML answers, {@code <Response><Errors>} errors. */
    EC2,
    /** The query protocol (RDS, IAM, ELBv2, CloudWatch…): form body with {@code Action=}, XML answers. */
    QUERY,
    /** JSON 1.x with {@code X-Amz-Target} (ECS, Application Auto Scaling, Logs, Secrets Manager…). */
    JSON,
    /** REST with JSON bodies (EFS). */
    REST_JSON,
    /** REST with XML bodies (CloudFront). */
    REST_XML,
    S3;

    public static Protocol of(String service, boolean hasTarget) {
        if (hasTarget) {
            return JSON;
        }
        return switch (service) {
            case "ec2" -> EC2;
            case "s3" -> S3;
            case "cloudfront" -> REST_XML;
            case "elasticfilesystem" -> REST_JSON;
            default -> QUERY;
        };
    }
}
