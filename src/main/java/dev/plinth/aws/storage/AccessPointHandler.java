package dev.plinth.aws.storage;

import dev.plinth.aws.Describe;
import dev.plinth.aws.Lookup;
import dev.plinth.aws.RegionalClient;
import dev.plinth.aws.TaggedAwsHandler;
import dev.plinth.engine.Observation;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import dev.plinth.engine.ResourceKey;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.efs.EfsClient;
import software.amazon.awssdk.services.efs.model.AccessPointDescription;

/**
 * An access point of the file system: every client acts as one POSIX user, under a root directory
 * that EFS creates, with the given owner and permissions, on first use.
 */
@Component
class AccessPointHandler extends TaggedAwsHandler<AccessPointHandler.Desired, EfsClient> {

    /**
     * @param uid           the POSIX user id (and owner of the root directory) every client acts as
     * @param gid           its group id
     * @param rootDirectory the path clients see as the root, for example {@code /shop}
     * @param permissions   the octal mode of the root directory when EFS creates it
     */
    record Desired(ResourceKey fileSystem, long uid, long gid, String rootDirectory, String permissions)
            implements ResourceDesired {}

    private static final Duration POLL = Duration.ofSeconds(5);

    AccessPointHandler(RegionalClient<EfsClient> client) {
        super(client, Desired.class, "AWS::EFS::AccessPoint", Efs::retag);
    }

    @Override
    public Optional<Observation> observe(ResourceContext context, Desired desired) {
        return find(client(context), context, desired)
                .map(ap -> new Observation(
                        ap.accessPointId(),
                        Efs.readiness(
                                ap.lifeCycleState(),
                                ap.lifeCycleStateAsString(),
                                "access point " + ap.accessPointId(),
                                POLL),
                        context.tagDifferences(Efs.TAGS.map(ap.tags())),
                        Map.of(StorageLayer.ARN, ap.accessPointArn())));
    }

    /**
     * By the recorded id, else among the file system's access points by tags. NOTE: AWS honours the
     * client token; the emulator ignores it, so this lookup is what keeps a create from repeating.
     */
    private static Optional<AccessPointDescription> find(EfsClient efs, ResourceContext context, Desired desired) {
        return Lookup.byIdElse(
                context,
                id -> efs.describeAccessPoints(r -> r.accessPointId(id)).accessPoints(),
                AccessPointHandler::exists,
                () -> Describe.orNone(
                                () -> efs.describeAccessPoints(r -> r.fileSystemId(context.idOf(desired.fileSystem())))
                                        .accessPoints())
                        .stream()
                        .filter(ap -> Efs.TAGS.owns(context, ap.tags()))
                        .filter(AccessPointHandler::exists)
                        .findFirst());
    }

    private static boolean exists(AccessPointDescription ap) {
        return Efs.exists(ap.lifeCycleState());
    }

    @Override
    public String create(ResourceContext context, Desired desired) {
        return client(context)
                .createAccessPoint(r -> r.clientToken(context.idempotencyToken())
                        .fileSystemId(context.idOf(desired.fileSystem()))
                        .posixUser(u -> u.uid(desired.uid()).gid(desired.gid()))
                        .rootDirectory(d -> d.path(desired.rootDirectory())
                                .creationInfo(c -> c.ownerUid(desired.uid())
                                        .ownerGid(desired.gid())
                                        .permissions(desired.permissions())))
                        .tags(Efs.TAGS.of(context)))
                .accessPointId();
    }

    /** NOTE: the emulator answers success for an unknown id too; AWS answers AccessPointNotFound. */
    @Override
    public void delete(ResourceContext context, Desired desired, Observation observed) {
        if (Efs.deleting(observed)) {
            return;
        }
        client(context).deleteAccessPoint(r -> r.accessPointId(observed.physicalId()));
    }
}
