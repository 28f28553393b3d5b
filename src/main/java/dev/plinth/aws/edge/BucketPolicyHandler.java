package dev.plinth.aws.edge;

import dev.plinth.aws.AwsHandler;
import dev.plinth.aws.RegionalClient;
import dev.plinth.engine.Difference;
import dev.plinth.engine.Observation;
import dev.plinth.engine.Readiness;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import dev.plinth.engine.ResourceKey;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The static site bucket's policy: only the distribution, through CloudFront's service principal,
 * may read its objects ({@code AWS:SourceArn} is the distribution's ARN). The bucket has one policy,
 * so the bucket's name is the id, and PutBucketPolicy both creates and updates it.
 */
@Component
class BucketPolicyHandler extends AwsHandler<BucketPolicyHandler.Desired, S3Client> {

    record Desired(ResourceKey bucket, ResourceKey distribution) implements ResourceDesired {}

    static final String STATEMENT = "statement";
    static final String SID = "AllowCloudFrontServicePrincipalReadOnly";
    static final String CLOUDFRONT = "cloudfront.amazonaws.com";

    private static final String NO_POLICY = "NoSuchBucketPolicy";

    private final JsonMapper json;

    BucketPolicyHandler(RegionalClient<S3Client> client, JsonMapper json) {
        super(client, Desired.class, "AWS::S3::BucketPolicy");
        this.json = json;
    }

    /** NOTE: a bucket without a policy answers NoSuchBucketPolicy, which AwsErrors does not count as not found. */
    @Override
    public Optional<Observation> observe(ResourceContext context, Desired desired) {
        String bucket = context.idOf(desired.bucket());
        return Edge.orNone(
                        () -> client(context)
                                .getBucketPolicy(r -> r.bucket(bucket))
                                .policy(),
                        NO_POLICY,
                        Edge.NO_SUCH_BUCKET)
                .map(policy -> {
                    JsonNode actual = json.readTree(policy).path("Statement");
                    JsonNode expected = document(context, desired).path("Statement");
                    List<Difference> differences = expected.equals(actual)
                            ? List.of()
                            : List.of(new Difference(STATEMENT, expected.toString(), actual.toString()));
                    return new Observation(bucket, Readiness.READY, differences);
                });
    }

    @Override
    public String create(ResourceContext context, Desired desired) {
        put(context, desired);
        return context.idOf(desired.bucket());
    }

    @Override
    public void update(ResourceContext context, Desired desired, Observation observed) {
        put(context, desired);
    }

    @Override
    public void delete(ResourceContext context, Desired desired, Observation observed) {
        Edge.unless(
                () -> client(context).deleteBucketPolicy(r -> r.bucket(observed.physicalId())), Edge.NO_SUCH_BUCKET);
    }

    private void put(ResourceContext context, Desired desired) {
        String document = json.writeValueAsString(document(context, desired));
        client(context)
                .putBucketPolicy(r -> r.bucket(context.idOf(desired.bucket())).policy(document));
    }

    /** The policy: one statement, s3:GetObject on every object, for this distribution only. */
    ObjectNode document(ResourceContext context, Desired desired) {
        String bucket = context.idOf(desired.bucket());
        String distributionArn = context.attributeOf(desired.distribution(), EdgeLayer.ARN);
        ObjectNode policy = json.createObjectNode().put("Version", "2012-10-17");
        ObjectNode statement = policy.putArray("Statement")
                .addObject()
                .put("Sid", SID)
                .put("Effect", "Allow")
                .put("Action", "s3:GetObject")
                .put("Resource", Edge.bucketArn(bucket, context.region()) + "/*");
        statement.putObject("Principal").put("Service", CLOUDFRONT);
        statement.putObject("Condition").putObject("StringEquals").put("AWS:SourceArn", distributionArn);
        return policy;
    }
}
