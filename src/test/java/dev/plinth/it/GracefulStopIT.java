package dev.plinth.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.testing.Ec2Inventory;
import dev.plinth.testing.FaultProxy;
import dev.plinth.testing.Leftovers;
import dev.plinth.testing.MotoServer;
import dev.plinth.testing.PlinthApi;
import dev.plinth.testing.ServiceProcess;
import dev.plinth.testing.Waits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import tools.jackson.databind.JsonNode;

/**
 * The packaged service on the embedded database, stopped with SIGTERM (what a platform does first) in
 * the middle of a provision: the graceful stop lets the work in flight save what it did before the
 * database closes, and a new start on the same file goes on to READY without duplicates.
 */
class GracefulStopIT {

    private static final MotoServer MOTO = MotoServer.shared();

    @TempDir
    Path dir;

    private FaultProxy aws;
    private ServiceProcess service;
    private final Path log = Path.of("target", "graceful-stop-service.log");

    @BeforeEach
    void start() throws Exception {
        MOTO.reset();
        Files.deleteIfExists(log);
        aws = FaultProxy.behavingLikeAws(MOTO.endpoint()).slowEveryCall(Duration.ofMillis(150));
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.kill();
        }
        aws.close();
    }

    @Test
    void aSigtermMidProvisionLosesNoSaveAndTheNextStartFinishes() throws Exception {
        service = startService();
        String id = service.api().create("""
                {"name": "graceful-stop", "region": "eu-central-1",
                 "network": {"cidr": "10.43.0.0/16", "availabilityZones": 2, "natGateways": "single"}}""");
        Waits.until(
                Duration.ofSeconds(60),
                () -> service.api().events(id),
                events -> PlinthApi.keysOf(events, "CREATE_FINISHED").size() >= 3,
                "a provision under way");

        service.terminate();

        String stopped = Files.readString(log);
        assertThat(stopped)
                .as("the embedded database closed under the work in flight")
                .doesNotContain("Database is already closed")
                .doesNotContain("The database has been closed");
        assertThat(stopped).as("work in flight failed on the way out").doesNotContain(" ERROR ");

        service = startService();
        JsonNode env = service.api().await(id, Duration.ofSeconds(90), "READY", "FAILED");
        assertThat(env.path("status").asString())
                .as("%s%nevents: %s", env, service.api().events(id))
                .isEqualTo("READY");
        Ec2Inventory mine = Ec2Inventory.ofEnvironment(ec2(), id);
        assertThat(mine.vpcs()).hasSize(1);
        assertThat(mine.subnets()).hasSize(4);
        assertThat(mine.natGateways()).hasSize(1);
        assertThat(mine.routeTables()).as("the public one and one per zone").hasSize(3);
    }

    private ServiceProcess startService() {
        return ServiceProcess.start(
                Map.of(
                        // the embedded database as the service sets it up, in a folder of this test's
                        "PLINTH_DATA_DIR", dir.toString(),
                        "AWS_ENDPOINT_URL", aws.endpoint().toString(),
                        "AWS_ACCESS_KEY_ID", "test",
                        "AWS_SECRET_ACCESS_KEY", "test",
                        "AWS_REGION", "eu-central-1",
                        "PLINTH_ENGINE_POLLING_INTERVAL", "200ms"),
                log);
    }

    private static Ec2Client ec2() {
        return Leftovers.client(Ec2Client.builder(), MOTO.endpoint(), "eu-central-1");
    }
}
