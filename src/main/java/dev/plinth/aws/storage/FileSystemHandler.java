package dev.plinth.aws.storage;

import dev.plinth.aws.Lookup;
import dev.plinth.aws.RegionalClient;
import dev.plinth.aws.TaggedAwsHandler;
import dev.plinth.engine.Difference;
import dev.plinth.engine.Observation;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.efs.EfsClient;
import software.amazon.awssdk.services.efs.model.FileSystemAlreadyExistsException;
import software.amazon.awssdk.services.efs.model.FileSystemDescription;
import software.amazon.awssdk.services.efs.model.PerformanceMode;
import software.amazon.awssdk.services.efs.model.ThroughputMode;

/**
 * An EFS file system, always encrypted at rest, made with the resource's idempotency token as its
 * creation token: a create whose answer was lost is found again by that token.
 */
@Component
class FileSystemHandler extends TaggedAwsHandler<FileSystemHandler.Desired, EfsClient> {

    record Desired(PerformanceMode performanceMode, ThroughputMode throughputMode) implements ResourceDesired {}

    static final String ENCRYPTED = "encrypted";
    static final String THROUGHPUT_MODE = "throughputMode";

    private static final Duration POLL = Duration.ofSeconds(5);

    FileSystemHandler(RegionalClient<EfsClient> client) {
        super(client, Desired.class, "AWS::EFS::FileSystem", Efs::retag);
    }

    @Override
    public Optional<Observation> observe(ResourceContext context, Desired desired) {
        return find(client(context), context)
                .map(fs -> new Observation(
                        fs.fileSystemId(),
                        Efs.readiness(
                                fs.lifeCycleState(),
                                fs.lifeCycleStateAsString(),
                                "file system " + fs.fileSystemId(),
                                POLL),
                        differences(context, fs, desired),
                        Map.of(StorageLayer.ARN, fs.fileSystemArn())));
    }

    /** By the recorded id, else by the creation token (the id of a create whose answer was lost). */
    private static Optional<FileSystemDescription> find(EfsClient efs, ResourceContext context) {
        return Lookup.byIdElse(
                context,
                id -> efs.describeFileSystems(r -> r.fileSystemId(id)).fileSystems(),
                FileSystemHandler::exists,
                () -> efs.describeFileSystems(r -> r.creationToken(context.idempotencyToken())).fileSystems().stream()
                        .filter(FileSystemHandler::exists)
                        .findFirst());
    }

    private static boolean exists(FileSystemDescription fs) {
        return Efs.exists(fs.lifeCycleState());
    }

    private static List<Difference> differences(ResourceContext context, FileSystemDescription fs, Desired desired) {
        var differences = new ArrayList<>(context.tagDifferences(Efs.TAGS.map(fs.tags())));
        if (!Boolean.TRUE.equals(fs.encrypted())) {
            differences.add(new Difference(ENCRYPTED, "true", String.valueOf(fs.encrypted())));
        }
        if (fs.throughputMode() != null && fs.throughputMode() != desired.throughputMode()) {
            differences.add(
                    new Difference(THROUGHPUT_MODE, desired.throughputMode().toString(), fs.throughputModeAsString()));
        }
        return differences;
    }

    /**
     * NOTE: AWS answers a repeated creation token with FileSystemAlreadyExists naming the file system;
     * the emulator leaves the id out, so it is looked up by the token.
     */
    @Override
    public String create(ResourceContext context, Desired desired) {
        EfsClient efs = client(context);
        try {
            return efs.createFileSystem(r -> r.creationToken(context.idempotencyToken())
                            .encrypted(true)
                            .performanceMode(desired.performanceMode())
                            .throughputMode(desired.throughputMode())
                            .tags(Efs.TAGS.of(context)))
                    .fileSystemId();
        } catch (FileSystemAlreadyExistsException e) {
            if (e.fileSystemId() != null) {
                return e.fileSystemId();
            }
            return efs.describeFileSystems(r -> r.creationToken(context.idempotencyToken())).fileSystems().stream()
                    .findFirst()
                    .orElseThrow(() -> e)
                    .fileSystemId();
        }
    }

    /** NOTE: the emulator does not implement UpdateFileSystem (it answers 500); AWS changes the mode in place. */
    @Override
    public void update(ResourceContext context, Desired desired, Observation observed) {
        for (Difference d : retagThenSettings(context, observed)) {
            switch (d.attribute()) {
                case THROUGHPUT_MODE ->
                    client(context)
                            .updateFileSystem(r ->
                                    r.fileSystemId(observed.physicalId()).throughputMode(desired.throughputMode()));
                default -> throw new IllegalArgumentException("cannot change " + d + " of a file system in place");
            }
        }
    }

    /**
     * Mount targets and the access point are dependents, gone before this is called. NOTE: AWS refuses
     * while any mount target is left (FileSystemInUse), and counts one that is still "deleting".
     */
    @Override
    public void delete(ResourceContext context, Desired desired, Observation observed) {
        if (Efs.deleting(observed)) {
            return;
        }
        client(context).deleteFileSystem(r -> r.fileSystemId(observed.physicalId()));
    }
}
