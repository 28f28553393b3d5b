package dev.plinth.aws.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.aws.AwsClients;
import dev.plinth.aws.AwsProperties;
import dev.plinth.engine.Observation;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceKey;
import dev.plinth.engine.ResourceRecord;
import dev.plinth.engine.ResourceState;
import dev.plinth.testing.MotoServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.efs.EfsClient;
import software.amazon.awssdk.services.efs.model.PerformanceMode;
import software.amazon.awssdk.services.efs.model.ThroughputMode;

/**
 * A create call that reached AWS but whose answer was lost (the process died, the connection
 * dropped) leaves the engine with a record in CREATING and no id. The handlers, against the
 * emulator, must find what that call made and never make a second one.
 */
class LostCreateAnswerIT {

    private static final String REGION = "eu-central-1";
    private static final MotoServer MOTO = MotoServer.shared();

    private final AwsClients aws = new AwsClients(
            new AwsProperties(MOTO.endpoint(), 2, 16, Duration.ofSeconds(30)), new SimpleMeterRegistry());
    private final EfsClient efs = aws.client(EfsClient.class, REGION);
    private final String environmentId = UUID.randomUUID().toString();
    private final FileSystemHandler fileSystems = new FileSystemHandler(aws.regional(EfsClient.class));
    private final AccessPointHandler accessPoints = new AccessPointHandler(aws.regional(EfsClient.class));
    private final FileSystemHandler.Desired fileSystem =
            new FileSystemHandler.Desired(PerformanceMode.GENERAL_PURPOSE, ThroughputMode.ELASTIC);

    @AfterEach
    void close() {
        aws.close();
    }

    /** The context the engine builds for a resource whose id was never saved. */
    private ResourceContext lostId(ResourceKey key, Map<ResourceKey, ResourceRecord> dependencies) {
        return ResourceContext.of(environmentId, "lost", REGION, key, null, dependencies, Map.of());
    }

    @Test
    void aFileSystemWhoseCreateAnswerWasLostIsAdoptedByItsCreationTokenNotMadeTwice() {
        ResourceContext context = lostId(StorageLayer.FILE_SYSTEM, Map.of());
        String made = fileSystems.create(context, fileSystem); // the answer the engine never heard

        Observation found = fileSystems.observe(context, fileSystem).orElseThrow();
        String again = fileSystems.create(context, fileSystem);

        assertThat(found.physicalId()).as("observe by creation token").isEqualTo(made);
        assertThat(again).as("a repeated create answers the same file system").isEqualTo(made);
        assertThat(efs.describeFileSystems(r -> {}).fileSystems())
                .filteredOn(fs -> fs.creationToken().equals(context.idempotencyToken()))
                .singleElement()
                .satisfies(fs -> assertThat(fs.fileSystemId()).isEqualTo(made));
        fileSystems.delete(context.withPhysicalId(made), fileSystem, found);
        assertThat(fileSystems.observe(context, fileSystem)).isEmpty();
    }

    /** NOTE: the emulator ignores the access point's client token: only the lookup by tags protects it. */
    @Test
    void anAccessPointWhoseCreateAnswerWasLostIsFoundByItsTagsBeforeAnotherIsMade() {
        ResourceContext fsContext = lostId(StorageLayer.FILE_SYSTEM, Map.of());
        String fileSystemId = fileSystems.create(fsContext, fileSystem);
        Instant now = Instant.now();
        var fsRecord = new ResourceRecord(
                environmentId,
                StorageLayer.FILE_SYSTEM,
                "AWS::EFS::FileSystem",
                ResourceState.READY,
                fileSystemId,
                0,
                null,
                null,
                Map.of(),
                null,
                now,
                now,
                null);
        ResourceContext context = lostId(StorageLayer.ACCESS_POINT, Map.of(StorageLayer.FILE_SYSTEM, fsRecord));
        var desired = new AccessPointHandler.Desired(StorageLayer.FILE_SYSTEM, 1000, 1000, "/lost", "0755");

        String made = accessPoints.create(context, desired);
        Observation found = accessPoints.observe(context, desired).orElseThrow();

        assertThat(found.physicalId()).isEqualTo(made);
        assertThat(found.attributes()).containsKey(StorageLayer.ARN);
        assertThat(efs.describeAccessPoints(r -> r.fileSystemId(fileSystemId)).accessPoints())
                .hasSize(1);
        accessPoints.delete(context.withPhysicalId(made), desired, found);
        assertThat(accessPoints.observe(context, desired)).isEmpty();
        fileSystems.delete(
                fsContext.withPhysicalId(fileSystemId),
                fileSystem,
                fileSystems.observe(fsContext, fileSystem).orElseThrow());
    }
}
