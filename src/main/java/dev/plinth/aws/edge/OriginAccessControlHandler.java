package dev.plinth.aws.edge;

import dev.plinth.aws.AwsHandler;
import dev.plinth.aws.Differences;
import dev.plinth.aws.RegionalClient;
import dev.plinth.engine.Difference;
import dev.plinth.engine.Observation;
import dev.plinth.engine.Readiness;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import java.util.ArrayList;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.GetOriginAccessControlResponse;
import software.amazon.awssdk.services.cloudfront.model.OriginAccessControlConfig;
import software.amazon.awssdk.services.cloudfront.model.OriginAccessControlList;
import software.amazon.awssdk.services.cloudfront.model.OriginAccessControlOriginTypes;
import software.amazon.awssdk.services.cloudfront.model.OriginAccessControlSigningBehaviors;
import software.amazon.awssdk.services.cloudfront.model.OriginAccessControlSigningProtocols;
import software.amazon.awssdk.services.cloudfront.model.OriginAccessControlSummary;

/**
 * The origin access control CloudFront signs its requests to the static site's bucket with (SigV4,
 * always). It takes no tags; its name is unique per account, so a lost id is found by the name, and
 * its description, which names the environment's id, tells it is this environment's.
 */
@Component
class OriginAccessControlHandler extends AwsHandler<OriginAccessControlHandler.Desired, CloudFrontClient> {

    record Desired() implements ResourceDesired {}

    static final String SIGNING = "signing";
    static final String ORIGIN_TYPE = "originType";

    private static final String ALREADY_EXISTS = "OriginAccessControlAlreadyExists";

    OriginAccessControlHandler(RegionalClient<CloudFrontClient> client) {
        super(client, Desired.class, "AWS::CloudFront::OriginAccessControl");
    }

    @Override
    public Optional<Observation> observe(ResourceContext context, Desired desired) {
        CloudFrontClient cloudFront = client(context);
        Optional<GetOriginAccessControlResponse> found = context.knownId()
                .flatMap(id -> get(cloudFront, id))
                .or(() -> byName(cloudFront, Edge.originAccessControlName(context))
                        .filter(oac -> owns(context, oac))
                        .flatMap(oac -> get(cloudFront, oac.id())));
        return found.map(current -> {
            OriginAccessControlConfig config = current.originAccessControl().originAccessControlConfig();
            var differences = new ArrayList<Difference>();
            String signing = config.signingProtocolAsString() + "/" + config.signingBehaviorAsString();
            String wantedSigning =
                    OriginAccessControlSigningProtocols.SIGV4 + "/" + OriginAccessControlSigningBehaviors.ALWAYS;
            Differences.compareText(differences, SIGNING, wantedSigning, signing);
            Differences.compareText(
                    differences,
                    ORIGIN_TYPE,
                    OriginAccessControlOriginTypes.S3.toString(),
                    config.originAccessControlOriginTypeAsString());
            return new Observation(current.originAccessControl().id(), Readiness.READY, differences);
        });
    }

    private static Optional<GetOriginAccessControlResponse> get(CloudFrontClient cloudFront, String id) {
        return Edge.orNone(() -> cloudFront.getOriginAccessControl(r -> r.id(id)), Edge.NO_SUCH_ORIGIN_ACCESS_CONTROL);
    }

    private static Optional<OriginAccessControlSummary> byName(CloudFrontClient cloudFront, String name) {
        String marker = null;
        do {
            String from = marker;
            OriginAccessControlList list =
                    cloudFront.listOriginAccessControls(r -> r.marker(from)).originAccessControlList();
            Optional<OriginAccessControlSummary> found =
                    list.items().stream().filter(oac -> name.equals(oac.name())).findFirst();
            if (found.isPresent()) {
                return found;
            }
            marker = Boolean.TRUE.equals(list.isTruncated()) ? list.nextMarker() : null;
        } while (marker != null);
        return Optional.empty();
    }

    /**
     * NOTE: AWS refuses a second origin access control of the same name; the emulator makes a
     * duplicate. So the name is looked up first.
     */
    @Override
    public String create(ResourceContext context, Desired desired) {
        CloudFrontClient cloudFront = client(context);
        String name = Edge.originAccessControlName(context);
        Optional<OriginAccessControlSummary> existing = byName(cloudFront, name);
        if (existing.isEmpty()) {
            try {
                return cloudFront
                        .createOriginAccessControl(r -> r.originAccessControlConfig(config(context)))
                        .originAccessControl()
                        .id();
            } catch (RuntimeException e) {
                existing = Edge.hasCode(e, ALREADY_EXISTS) ? byName(cloudFront, name) : Optional.empty();
                if (existing.isEmpty()) {
                    throw e;
                }
            }
        }
        if (!owns(context, existing.get())) {
            throw new IllegalStateException(
                    "the origin access control name " + name + " is taken by one this environment did not make");
        }
        return existing.get().id();
    }

    /** It takes no tags: its description names the environment's id. */
    private static boolean owns(ResourceContext context, OriginAccessControlSummary oac) {
        return oac.description() != null && oac.description().contains("(" + context.environmentId() + ")");
    }

    @Override
    public void update(ResourceContext context, Desired desired, Observation observed) {
        String id = observed.physicalId();
        withCurrentETag(
                client(context),
                id,
                (cloudFront, eTag) -> cloudFront.updateOriginAccessControl(
                        r -> r.id(id).ifMatch(eTag).originAccessControlConfig(config(context))));
    }

    /**
     * Needs the current ETag. Runs only once the distribution that uses it is gone (it depends on this).
     * NOTE: the emulator answers DeleteOriginAccessControl for an unknown id with HTTP 500, so it is read first.
     */
    @Override
    public void delete(ResourceContext context, Desired desired, Observation observed) {
        String id = observed.physicalId();
        withCurrentETag(
                client(context),
                id,
                (cloudFront, eTag) ->
                        cloudFront.deleteOriginAccessControl(r -> r.id(id).ifMatch(eTag)));
    }

    /**
     * {@code call} with the current ETag of the origin access control {@code id}, if it is still there;
     * when it is gone, or changed since it was read, the call answers nothing and the next pass looks again.
     */
    private static void withCurrentETag(
            CloudFrontClient cloudFront, String id, BiConsumer<CloudFrontClient, String> call) {
        get(cloudFront, id)
                .ifPresent(current -> Edge.unless(
                        () -> call.accept(cloudFront, current.eTag()),
                        Edge.NO_SUCH_ORIGIN_ACCESS_CONTROL,
                        Edge.PRECONDITION_FAILED));
    }

    private static OriginAccessControlConfig config(ResourceContext context) {
        return OriginAccessControlConfig.builder()
                .name(Edge.originAccessControlName(context))
                .description(Edge.comment(context) + ": CloudFront's access to the static site bucket")
                .signingProtocol(OriginAccessControlSigningProtocols.SIGV4)
                .signingBehavior(OriginAccessControlSigningBehaviors.ALWAYS)
                .originAccessControlOriginType(OriginAccessControlOriginTypes.S3)
                .build();
    }
}
