package dev.plinth.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.testing.Ec2Inventory;
import dev.plinth.testing.FaultProxy;
import dev.plinth.testing.MotoServer;
import dev.plinth.testing.PlinthApi;
import dev.plinth.testing.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NatGatewayState;
import software.amazon.awssdk.services.ec2.model.Tag;
import tools.jackson.databind.JsonNode;

/**
 * The packaged service killed with SIGKILL in the middle of provisioning, twice, and started again on
 * the same database file: once after AWS made a NAT gateway but before the service heard its id, once
 * after the service recorded its intent to create a private route (which waits for that NAT gateway)
 * but before AWS got the call.
 * Every AWS call is slowed, so the kills land mid-way.
 */
class CrashRecoveryIT {

    private static final MotoServer MOTO = MotoServer.shared();
    private static final Duration CONVERGE = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private FaultProxy aws;
    private ServiceProcess service;

    @BeforeEach
    void start() {
        MOTO.reset();
        aws = FaultProxy.behavingLikeAws(MOTO.endpoint()).slowEveryCall(Duration.ofMillis(100));
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.kill();
        }
        aws.close();
    }

    @Test
    void killedMidProvisionItResumesToReadyWithoutDuplicatesOrUntaggedResources() throws Exception {
        FaultProxy.Held natMadeButUnanswered = aws.hold("CreateNatGateway", true);
        service = startService();
        String id = service.api().create("""
                {"name": "crash-test", "region": "eu-central-1",
                 "network": {"cidr": "10.42.0.0/16", "availabilityZones": 2, "natGateways": "per-az"}}""");

        assertThat(natMadeButUnanswered.await(Duration.ofSeconds(60)))
                .as("a CreateNatGateway reached AWS")
                .isTrue();
        assertThat(service.api().get("/environments/" + id).text("/status")).isEqualTo("PROVISIONING");
        service.kill();

        FaultProxy.Held routeIntended = aws.hold("CreateRoute", false);
        service = startService();
        assertThat(routeIntended.await(Duration.ofSeconds(60)))
                .as("a CreateRoute was sent: %s", service.api().events(id))
                .isTrue();
        service.kill();

        service = startService();
        PlinthApi api = service.api();
        JsonNode env = api.await(id, CONVERGE, "READY", "FAILED");
        assertThat(env.path("status").asString())
                .as("%s%nevents: %s", env, api.events(id))
                .isEqualTo("READY");

        Ec2Client ec2 = ec2();
        Ec2Inventory mine = Ec2Inventory.ofEnvironment(ec2, id);
        assertThat(mine.vpcs()).hasSize(1);
        assertThat(ec2.describeVpcs(r -> r.filters(cidr("10.42.0.0/16"))).vpcs())
                .as("VPCs with the CIDR")
                .hasSize(1);
        assertThat(mine.subnets()).hasSize(4);
        assertThat(mine.natGateways()).hasSize(2);
        assertThat(mine.addresses()).hasSize(2);
        assertThat(mine.internetGateways()).hasSize(1);
        assertThat(mine.routeTables()).hasSize(3);
        assertThat(mine.securityGroups()).hasSize(5);
        assertThat(mine.securityGroupRules().stream().filter(r -> !r.isEgress()))
                .hasSize(5);

        String vpcId = mine.vpcs().getFirst().vpcId();
        Filter inVpc = Filter.builder().name("vpc-id").values(vpcId).build();
        assertThat(ec2.describeSubnets(r -> r.filters(inVpc)).subnets()).allSatisfy(s -> assertTagged(s.tags(), id));
        assertThat(ec2.describeNatGateways(r -> r.filter(inVpc)).natGateways().stream()
                        .filter(n -> n.state() != NatGatewayState.DELETED))
                .allSatisfy(n -> assertTagged(n.tags(), id));
        assertThat(ec2.describeSecurityGroups(r -> r.filters(inVpc)).securityGroups().stream()
                        .filter(g -> !g.groupName().equals("default")))
                .allSatisfy(g -> assertTagged(g.tags(), id));
        assertThat(ec2.describeRouteTables(r -> r.filters(inVpc)).routeTables().stream()
                        .filter(t -> t.associations().stream().noneMatch(a -> Boolean.TRUE.equals(a.main()))))
                .allSatisfy(t -> assertTagged(t.tags(), id));

        // The two NAT gateways are created side by side; the one whose answer was held is adopted.
        String heldSubnet = natMadeButUnanswered.parameter("SubnetId");
        String heldZone = mine.subnets().stream()
                .filter(s -> s.subnetId().equals(heldSubnet))
                .findFirst()
                .orElseThrow()
                .availabilityZone();
        assertThat(PlinthApi.keysOf(api.events(id), "ADOPTED")).contains("nat-gateway/" + heldZone);
    }

    private ServiceProcess startService() throws Exception {
        Path log = Path.of("target", "crash-recovery-service.log");
        return ServiceProcess.start(
                Map.of(
                        "SPRING_DATASOURCE_URL",
                                "jdbc:h2:file:" + dir.resolve("plinth")
                                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0",
                        "AWS_ENDPOINT_URL", aws.endpoint().toString(),
                        "AWS_ACCESS_KEY_ID", "test",
                        "AWS_SECRET_ACCESS_KEY", "test",
                        "AWS_REGION", "eu-central-1",
                        "PLINTH_AWS_MAX_ATTEMPTS", "2",
                        "PLINTH_ENGINE_POLLING_INTERVAL", "200ms",
                        "PLINTH_ENGINE_HEARTBEAT_INTERVAL", "1s",
                        "PLINTH_ENGINE_MISSED_HEARTBEATS_LIMIT", "4"),
                log);
    }

    private static void assertTagged(List<Tag> tags, String environmentId) {
        assertThat(Ec2Inventory.tag(tags, "plinth:environment-id")).isEqualTo(environmentId);
        assertThat(Ec2Inventory.tag(tags, "plinth:managed-by")).isEqualTo("plinth");
    }

    private static Filter cidr(String block) {
        return Filter.builder().name("cidr-block").values(block).build();
    }

    private static Ec2Client ec2() {
        return Ec2Client.builder()
                .endpointOverride(MOTO.endpoint())
                .region(Region.EU_CENTRAL_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }
}
