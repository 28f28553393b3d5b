package dev.plinth.aws.edge;

import dev.plinth.aws.AwsHandler;
import dev.plinth.aws.RegionalClient;
import dev.plinth.aws.ServiceTags;
import dev.plinth.engine.Difference;
import dev.plinth.engine.Observation;
import dev.plinth.engine.Readiness;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import dev.plinth.engine.Retagger;
import dev.plinth.engine.TagChanges;
import dev.plinth.engine.Tags;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionConfiguration;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * The static site's private bucket: all public access blocked, encrypted by default with S3-managed
 * keys (SSE-S3), tagged. Its name is deterministic and globally unique, and it is the physical id.
 *
 * <p>Create is CreateBucket alone (the emulator ignores CreateBucket's tags); the public access block,
 * encryption and tags are differences that {@link #update} makes, so a crash between those calls is repaired by the next observe.
 */
@Component
class BucketHandler extends AwsHandler<BucketHandler.Desired, S3Client> implements Retagger {

    record Desired() implements ResourceDesired {}

    /** How S3 spells a tag. */
    private static final ServiceTags<Tag> TAGS = new ServiceTags<>(
            (key, value) -> Tag.builder().key(key).value(value).build(), Tag::key, Tag::value);

    static final String PUBLIC_ACCESS_BLOCK = "publicAccessBlock";
    static final String ENCRYPTION = "encryption";

    /** Pages of object versions (up to 1,000 each) deleted per pass before the bucket itself. */
    static final int PAGES_PER_PASS = 10;

    private static final String US_EAST_1 = "us-east-1";
    private static final String OWNED_ALREADY = "BucketAlreadyOwnedByYou";
    private static final String NO_PUBLIC_ACCESS_BLOCK = "NoSuchPublicAccessBlockConfiguration";
    private static final String NO_ENCRYPTION = "ServerSideEncryptionConfigurationNotFoundError";
    private static final String NO_TAGS = "NoSuchTagSet";
    private static final int NOT_FOUND = 404;
    private static final int CONFLICT = 409;

    BucketHandler(RegionalClient<S3Client> client) {
        super(client, Desired.class, "AWS::S3::Bucket");
    }

    @Override
    public Optional<Observation> observe(ResourceContext context, Desired desired) {
        S3Client s3 = client(context);
        String bucket = Edge.bucketName(context);
        if (!exists(s3, bucket)) {
            return Optional.empty();
        }
        var differences = new ArrayList<Difference>();
        Optional<PublicAccessBlockConfiguration> block = Edge.orNone(
                () -> s3.getPublicAccessBlock(r -> r.bucket(bucket)).publicAccessBlockConfiguration(),
                NO_PUBLIC_ACCESS_BLOCK);
        if (block.isEmpty() || !allBlocked(block.get())) {
            differences.add(new Difference(
                    PUBLIC_ACCESS_BLOCK,
                    "all blocked",
                    block.map(Object::toString).orElse("none")));
        }
        Optional<ServerSideEncryptionConfiguration> encryption = Edge.orNone(
                () -> s3.getBucketEncryption(r -> r.bucket(bucket)).serverSideEncryptionConfiguration(), NO_ENCRYPTION);
        if (encryption.isEmpty()
                || encryption.get().rules().stream()
                        .noneMatch(rule -> rule.applyServerSideEncryptionByDefault() != null
                                && rule.applyServerSideEncryptionByDefault().sseAlgorithm()
                                        == ServerSideEncryption.AES256)) {
            differences.add(new Difference(
                    ENCRYPTION,
                    ServerSideEncryption.AES256.toString(),
                    encryption.map(Object::toString).orElse("none")));
        }
        differences.addAll(context.tagDifferences(tagsOf(s3, bucket)));
        return Optional.of(new Observation(
                bucket,
                Readiness.READY,
                differences,
                Map.of(
                        EdgeLayer.ARN, Edge.bucketArn(bucket, context.region()),
                        EdgeLayer.REGIONAL_DOMAIN_NAME, Edge.regionalDomainName(bucket, context.region()))));
    }

    private static Map<String, String> tagsOf(S3Client s3, String bucket) {
        return Edge.orNone(() -> s3.getBucketTagging(r -> r.bucket(bucket)).tagSet(), NO_TAGS)
                .orElse(List.of())
                .stream()
                .collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> a));
    }

    /** NOTE: HeadBucket answers a bare 404, without an error code, for a bucket that does not exist. */
    private static boolean exists(S3Client s3, String bucket) {
        try {
            s3.headBucket(r -> r.bucket(bucket));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND || Edge.hasCode(e, Edge.NO_SUCH_BUCKET)) {
                return false;
            }
            throw e;
        }
    }

    private static boolean allBlocked(PublicAccessBlockConfiguration block) {
        return Stream.of(
                        block.blockPublicAcls(),
                        block.ignorePublicAcls(),
                        block.blockPublicPolicy(),
                        block.restrictPublicBuckets())
                .allMatch(Boolean.TRUE::equals);
    }

    /** NOTE: outside us-east-1 the region must be named as the location constraint. */
    @Override
    public String create(ResourceContext context, Desired desired) {
        String bucket = Edge.bucketName(context);
        try {
            client(context).createBucket(r -> {
                r.bucket(bucket);
                if (!US_EAST_1.equals(context.region())) {
                    r.createBucketConfiguration(c -> c.locationConstraint(context.region()));
                }
            });
        } catch (RuntimeException e) {
            // made by an attempt whose answer was lost: the name is ours (it carries the environment id's hash)
            if (!Edge.hasCode(e, OWNED_ALREADY)) {
                throw e;
            }
        }
        return bucket;
    }

    @Override
    public void update(ResourceContext context, Desired desired, Observation observed) {
        S3Client s3 = client(context);
        String bucket = observed.physicalId();
        for (Difference d : retagThenSettings(context, observed)) {
            switch (d.attribute()) {
                case PUBLIC_ACCESS_BLOCK ->
                    s3.putPublicAccessBlock(r -> r.bucket(bucket)
                            .publicAccessBlockConfiguration(b -> b.blockPublicAcls(true)
                                    .ignorePublicAcls(true)
                                    .blockPublicPolicy(true)
                                    .restrictPublicBuckets(true)));
                case ENCRYPTION ->
                    s3.putBucketEncryption(r -> r.bucket(bucket)
                            .serverSideEncryptionConfiguration(
                                    c -> c.rules(rule -> rule.applyServerSideEncryptionByDefault(
                                            e -> e.sseAlgorithm(ServerSideEncryption.AES256)))));
                default -> throw new IllegalArgumentException("cannot change " + d.attribute() + " of a bucket");
            }
        }
    }

    /**
     * NOTE: S3 has no call that adds or removes single tags: PutBucketTagging replaces the whole set,
     * so the set is read again and written without the keys to remove and with the context's tags,
     * plinth's own among them (this is where a new bucket gets them). Tags AWS set ({@code aws:*})
     * cannot be written by a client, and S3 keeps them apart.
     */
    @Override
    public void retag(ResourceContext context, Observation observed, TagChanges changes) {
        S3Client s3 = client(context);
        var tags = new LinkedHashMap<>(tagsOf(s3, observed.physicalId()));
        tags.keySet().removeIf(key -> Tags.isAwsKey(key) || changes.remove().contains(key));
        tags.putAll(context.tags());
        s3.putBucketTagging(r -> r.bucket(observed.physicalId()).tagging(t -> t.tagSet(TAGS.list(tags))));
    }

    /**
     * Empties the bucket, a page of object versions at a time (up to {@link #PAGES_PER_PASS} pages
     * per pass), then deletes it once nothing is left.
     */
    @Override
    public void delete(ResourceContext context, Desired desired, Observation observed) {
        S3Client s3 = client(context);
        String bucket = observed.physicalId();
        Edge.unless(
                () -> {
                    for (int page = 0; page < PAGES_PER_PASS; page++) {
                        ListObjectVersionsResponse listing = s3.listObjectVersions(r -> r.bucket(bucket));
                        List<ObjectIdentifier> objects = Stream.concat(
                                        listing.versions().stream().map(v -> identifier(v.key(), v.versionId())),
                                        listing.deleteMarkers().stream().map(m -> identifier(m.key(), m.versionId())))
                                .toList();
                        if (objects.isEmpty()) {
                            s3.deleteBucket(r -> r.bucket(bucket));
                            return;
                        }
                        DeleteObjectsResponse deleted = s3.deleteObjects(r ->
                                r.bucket(bucket).delete(d -> d.objects(objects).quiet(true)));
                        if (deleted.hasErrors() && !deleted.errors().isEmpty()) {
                            throw failure(
                                    deleted.errors().getFirst(),
                                    deleted.errors().size());
                        }
                    }
                },
                Edge.NO_SUCH_BUCKET);
    }

    private static ObjectIdentifier identifier(String key, String versionId) {
        return ObjectIdentifier.builder().key(key).versionId(versionId).build();
    }

    /** A per-object refusal of DeleteObjects, raised as the error it is, so the engine classifies it as any other. */
    private static S3Exception failure(S3Error error, int count) {
        String message = count + " object(s) not deleted; " + error.key() + ": " + error.message();
        return (S3Exception) S3Exception.builder()
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(error.code())
                        .errorMessage(message)
                        .serviceName("S3")
                        .build())
                .message(message)
                .statusCode(CONFLICT)
                .build();
    }
}
