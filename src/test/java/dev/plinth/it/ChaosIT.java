package dev.plinth.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.testing.Ec2Inventory;
import dev.plinth.testing.FaultProxy;
import dev.plinth.testing.MotoServer;
import dev.plinth.testing.PlinthApi;
import dev.plinth.testing.PostgresServer;
import dev.plinth.testing.ServiceProcess;
import dev.plinth.testing.Waits;
import dev.plinth.testing.behaviour.AppliedQuotas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NatGatewayState;
import software.amazon.awssdk.services.ec2.model.Tag;
import tools.jackson.databind.JsonNode;

/**
 * While environments are being provisioned and others torn down, with every AWS call slowed, two
 * replicas of the packaged service on one PostgreSQL database are killed with SIGKILL at random
 * moments, twenty times in all, each started again at once (while it starts, the other one works).
 * In the end every environment is READY or DELETED as asked, with not one duplicate and not one
 * orphan: every tagged resource belongs to a live environment's records, nothing untagged is inside
 * their VPCs, and a deleted environment left nothing behind.
 */
class ChaosIT {

    private static final MotoServer MOTO = MotoServer.shared();
    private static final int KILLS = 20;
    private static final long SEED = 20261124L;

    private final Random random = new Random(SEED);
    private final ExecutorService starter = Executors.newFixedThreadPool(2);
    private final List<Replica> replicas = new ArrayList<>();
    private FaultProxy aws;
    private String database;

    /** One replica's place: its process, killed and started again, and its log. */
    private final class Replica {
        private final Path log;
        private CompletableFuture<ServiceProcess> process;

        Replica(String name) throws IOException {
            log = Path.of("target", "chaos-" + name + ".log");
            Files.deleteIfExists(log);
            restart();
        }

        void restart() {
            process = CompletableFuture.supplyAsync(() -> start(log), starter);
        }

        boolean up() {
            return process.isDone() && !process.isCompletedExceptionally();
        }

        ServiceProcess await() {
            return process.join();
        }
    }

    @AfterEach
    void stop() {
        replicas.forEach(r -> r.process
                .thenAccept(ServiceProcess::kill)
                .exceptionally(e -> null)
                .join());
        starter.shutdownNow();
        if (aws != null) {
            aws.close();
        }
    }

    @Test
    void killedTwentyTimesWhileBuildingAndTearingDownItEndsWithNoDuplicateAndNoOrphan() throws Exception {
        MOTO.reset();
        aws = FaultProxy.behavingLikeAws(MOTO.endpoint()).slowEveryCall(Duration.ofMillis(60));
        // five environments in one Region, with the account's default VPC: more than the default quotas of 5
        aws.behaviours().get("service-quotas-applied", AppliedQuotas.class).raiseNetworkQuotasFor(5);
        database = PostgresServer.shared().newDatabase();
        replicas.add(new Replica("a"));
        replicas.add(new Replica("b"));

        Map<String, String> wanted = new LinkedHashMap<>(); // environment id -> READY or DELETED
        PlinthApi first = replicas.getFirst().await().api();
        for (int i = 0; i < 3; i++) {
            wanted.put(create(first, i), "READY");
        }
        for (int kill = 1; kill <= KILLS; kill++) {
            Waits.pause(Duration.ofMillis(300 + random.nextInt(2000)));
            Replica victim = aReplicaThatIsUp();
            PlinthApi api = victim.await().api();
            if (kill == 4 || kill == 9) {
                wanted.put(create(api, kill + 10), "READY");
            }
            if (kill == 7 || kill == 13) {
                // tear down the oldest environment still wanted READY, whatever it is doing now
                String doomed = wanted.entrySet().stream()
                        .filter(e -> e.getValue().equals("READY"))
                        .findFirst()
                        .orElseThrow()
                        .getKey();
                assertThat(api.delete("/environments/" + doomed).status()).isEqualTo(202);
                wanted.put(doomed, "DELETED");
            }
            victim.await().kill();
            victim.restart();
        }

        PlinthApi api = replicas.getLast().await().api();
        replicas.getFirst().await();
        wanted.forEach((id, status) -> {
            JsonNode env = api.await(id, Duration.ofMinutes(4), status, "FAILED", "DELETE_FAILED");
            assertThat(env.path("status").asString())
                    .as("%s after %d kills: %s", id, KILLS, env)
                    .isEqualTo(status);
        });
        assertNoDuplicateAndNoOrphan(api, wanted);
    }

    /** One of the replicas that answer, at random; when both are starting, the first to be up. */
    private Replica aReplicaThatIsUp() {
        List<Replica> up = replicas.stream().filter(Replica::up).toList();
        if (up.isEmpty()) {
            CompletableFuture.anyOf(replicas.stream().map(r -> r.process).toArray(CompletableFuture[]::new))
                    .join();
            return aReplicaThatIsUp();
        }
        return up.get(random.nextInt(up.size()));
    }

    private static String create(PlinthApi api, int i) {
        return api.create("""
                {"name": "chaos-%d", "region": "eu-central-1",
                 "network": {"cidr": "10.%d.0.0/16", "availabilityZones": 2, "natGateways": "single"}}""".formatted(i, 150 + i));
    }

    private ServiceProcess start(Path log) {
        return ServiceProcess.start(
                ServiceProcess.onPostgres(
                        database,
                        aws.endpoint(),
                        Map.ofEntries(
                                Map.entry("PLINTH_AWS_MAX_ATTEMPTS", "2"),
                                Map.entry("PLINTH_ENGINE_POLLING_INTERVAL", "200ms"),
                                Map.entry("PLINTH_ENGINE_HEARTBEAT_INTERVAL", "500ms"),
                                Map.entry("PLINTH_ENGINE_MISSED_HEARTBEATS_LIMIT", "4"),
                                Map.entry("PLINTH_ENGINE_EXECUTION_BUDGET", "2s"))),
                log);
    }

    private void assertNoDuplicateAndNoOrphan(PlinthApi api, Map<String, String> wanted) {
        try (Ec2Client ec2 = Ec2Client.builder()
                .endpointOverride(MOTO.endpoint())
                .region(Region.EU_CENTRAL_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build()) {
            Set<String> recorded = new HashSet<>();
            wanted.forEach((id, status) -> {
                Ec2Inventory mine = Ec2Inventory.ofEnvironment(ec2, id);
                if (status.equals("DELETED")) {
                    assertThat(mine.size()).as("left behind by deleted %s", id).isZero();
                    return;
                }
                assertThat(mine.vpcs()).as("VPCs of %s", id).hasSize(1);
                assertThat(mine.subnets()).as("subnets of %s", id).hasSize(4);
                assertThat(mine.natGateways()).as("NAT gateways of %s", id).hasSize(1);
                assertThat(mine.addresses()).as("addresses of %s", id).hasSize(1);
                assertThat(mine.internetGateways())
                        .as("internet gateways of %s", id)
                        .hasSize(1);
                assertThat(mine.routeTables()).as("route tables of %s", id).hasSize(3);
                assertThat(mine.securityGroups())
                        .as("security groups of %s", id)
                        .hasSize(5);
                api.get("/environments/" + id + "/resources")
                        .json()
                        .path("items")
                        .valueStream()
                        .map(r -> r.path("physicalId").asString())
                        .forEach(recorded::add);
                assertNothingUntaggedIn(ec2, mine.vpcs().getFirst().vpcId(), id);
            });
            Ec2Inventory managed = Ec2Inventory.managed(ec2);
            List<String> taggedIds = new ArrayList<>();
            Stream.of(
                            managed.vpcs().stream().map(v -> v.vpcId()),
                            managed.subnets().stream().map(s -> s.subnetId()),
                            managed.natGateways().stream().map(n -> n.natGatewayId()),
                            managed.addresses().stream().map(a -> a.allocationId()),
                            managed.internetGateways().stream().map(g -> g.internetGatewayId()),
                            managed.routeTables().stream().map(t -> t.routeTableId()),
                            managed.securityGroups().stream().map(g -> g.groupId()),
                            managed.securityGroupRules().stream().map(r -> r.securityGroupRuleId()))
                    .flatMap(s -> s)
                    .forEach(taggedIds::add);
            assertThat(taggedIds)
                    .as("tagged resources no live environment has in its records")
                    .allMatch(recorded::contains);
        }
    }

    private static void assertNothingUntaggedIn(Ec2Client ec2, String vpcId, String id) {
        Filter inVpc = Filter.builder().name("vpc-id").values(vpcId).build();
        ec2.describeSubnets(r -> r.filters(inVpc)).subnets().forEach(s -> assertOwned(s.tags(), id, s.subnetId()));
        ec2.describeSecurityGroups(r -> r.filters(inVpc)).securityGroups().stream()
                .filter(g -> !g.groupName().equals("default"))
                .forEach(g -> assertOwned(g.tags(), id, g.groupId()));
        ec2.describeNatGateways(r -> r.filter(inVpc)).natGateways().stream()
                .filter(n -> n.vpcId().equals(vpcId) && n.state() != NatGatewayState.DELETED)
                .forEach(n -> assertOwned(n.tags(), id, n.natGatewayId()));
        ec2.describeRouteTables(r -> r.filters(inVpc)).routeTables().stream()
                .filter(t -> t.associations().stream().noneMatch(a -> Boolean.TRUE.equals(a.main())))
                .forEach(t -> assertOwned(t.tags(), id, t.routeTableId()));
    }

    private static void assertOwned(List<Tag> tags, String environmentId, String resource) {
        assertThat(Ec2Inventory.tag(tags, "plinth:environment-id"))
                .as("the tag of %s", resource)
                .isEqualTo(environmentId);
    }
}
