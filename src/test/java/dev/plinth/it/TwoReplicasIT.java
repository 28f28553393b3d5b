package dev.plinth.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.testing.Ec2Inventory;
import dev.plinth.testing.FaultProxy;
import dev.plinth.testing.MotoServer;
import dev.plinth.testing.PlinthApi;
import dev.plinth.testing.PostgresServer;
import dev.plinth.testing.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Two replicas of the packaged service on one PostgreSQL share a batch of environments. Each logs
 * when it starts and ends a reconcile execution, so the test can see that no environment is ever
 * worked on by both at once; then one replica dies (SIGKILL, or SIGTERM for a graceful stop) and the
 * other finishes its environments.
 */
class TwoReplicasIT {

    private static final MotoServer MOTO = MotoServer.shared();
    /**
     * How soon the survivor takes over: dead after 4 missed 1 s heartbeats, noticed by a check that
     * db-scheduler runs every 2 heartbeats, the last heartbeat up to 1 s before the kill; then a worker
     * of the survivor's is free within one execution budget (2 s); plus slack for a poll and a busy
     * 2-core machine.
     */
    private static final Duration TAKEOVER = Duration.ofSeconds(4 + 2 + 1 + 2 + 4);

    private static final int ENVIRONMENTS = 6;
    private static final Pattern START = Pattern.compile("reconciling (\\S+) on (\\S+) from (\\S+)");
    private static final Pattern END = Pattern.compile("reconciled (\\S+) on (\\S+) from (\\S+) to (\\S+)");

    private FaultProxy aws;
    private String database;
    private final List<ServiceProcess> replicas = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        MOTO.reset();
        aws = FaultProxy.behavingLikeAws(MOTO.endpoint()).slowEveryCall(Duration.ofMillis(100));
        database = PostgresServer.shared().newDatabase();
        for (String name : List.of("a", "b")) {
            Path log = Path.of("target", "replica-" + name + ".log");
            Files.deleteIfExists(log);
            logs.add(log);
            replicas.add(ServiceProcess.start(
                    ServiceProcess.onPostgres(
                            database,
                            aws.endpoint(),
                            Map.ofEntries(
                                    Map.entry("PLINTH_ENGINE_WORKER_THREADS", "2"),
                                    Map.entry("PLINTH_ENGINE_POLLING_INTERVAL", "200ms"),
                                    Map.entry("PLINTH_ENGINE_HEARTBEAT_INTERVAL", "1s"),
                                    Map.entry("PLINTH_ENGINE_MISSED_HEARTBEATS_LIMIT", "4"),
                                    Map.entry("PLINTH_ENGINE_EXECUTION_BUDGET", "2s"),
                                    Map.entry("LOGGING_LEVEL_DEV_PLINTH_ENGINE", "DEBUG"))),
                    log));
        }
    }

    @AfterEach
    void stop() {
        replicas.forEach(ServiceProcess::kill);
        aws.close();
    }

    @Test
    void theReplicasShareTheWorkNeverTheSameEnvironmentAtOnceAndTheSurvivorFinishesWhenOneDies() throws IOException {
        List<String> ids = createBatch("share");
        awaitWorkOnBoth();
        Instant killed = Instant.now();
        replicas.getFirst().kill();

        PlinthApi survivor = replicas.getLast().api();
        ids.forEach(id -> assertThat(survivor.await(id, Duration.ofMinutes(3), "READY", "FAILED")
                        .path("status")
                        .asString())
                .as("environment %s", id)
                .isEqualTo("READY"));

        Map<String, List<Span>> spans = spans(killed);
        assertNeverTwoAtOnce(spans);
        assertThat(spans.values().stream()
                        .flatMap(List::stream)
                        .map(Span::replica)
                        .distinct())
                .hasSize(2);
        // what the dead replica held was taken over within the lease
        spans.forEach((id, list) -> list.stream()
                .filter(s -> s.replica().equals(replicaOf(0)) && s.end().equals(killed))
                .forEach(cut -> assertThat(firstStartAfter(list, replicaOf(1), killed))
                        .as("takeover of %s", id)
                        .isBefore(killed.plus(TAKEOVER))));
        assertOneNetworkEach(ids);
    }

    @Test
    void aGracefulStopFinishesItsExecutionsSoTheOtherReplicaContinuesAtOnce() throws IOException, InterruptedException {
        List<String> ids = createBatch("graceful");
        awaitWorkOnBoth();
        ServiceProcess leaving = replicas.getFirst();

        Instant asked = Instant.now();
        leaving.terminate();
        Instant gone = Instant.now();

        assertThat(Duration.between(asked, gone)).as("a graceful stop").isLessThan(Duration.ofSeconds(30));
        PlinthApi survivor = replicas.getLast().api();
        ids.forEach(id -> assertThat(survivor.await(id, Duration.ofMinutes(3), "READY", "FAILED")
                        .path("status")
                        .asString())
                .as("environment %s", id)
                .isEqualTo("READY"));
        Map<String, List<Span>> spans = spans(gone);
        assertNeverTwoAtOnce(spans);
        String stopped = replicaOf(0);
        assertThat(spans.values().stream()
                        .flatMap(List::stream)
                        .filter(s -> s.replica().equals(stopped))
                        .toList())
                .as("every execution of the stopped replica ended before it exited")
                .isNotEmpty()
                .allSatisfy(s -> assertThat(s.open()).isFalse());
        assertOneNetworkEach(ids);
    }

    private List<String> createBatch(String prefix) {
        PlinthApi api = replicas.getFirst().api();
        return IntStream.range(0, ENVIRONMENTS)
                .mapToObj(i -> api.create("""
                {"name": "%s-%d", "region": "eu-central-1",
                 "network": {"cidr": "10.%d.0.0/16", "availabilityZones": 2, "natGateways": "single"}}""".formatted(prefix, i, 100 + i)))
                .toList();
    }

    /** Until each replica has started some execution. */
    private void awaitWorkOnBoth() {
        dev.plinth.testing.Waits.until(
                Duration.ofSeconds(60),
                () -> {
                    try {
                        return spans(Instant.now()).values().stream()
                                .flatMap(List::stream)
                                .map(Span::replica)
                                .distinct()
                                .count();
                    } catch (IOException e) {
                        return 0L;
                    }
                },
                n -> n == 2,
                "both replicas to work");
    }

    private record Span(String environment, String replica, Instant start, Instant end, boolean open) {}

    /** Every execution in both logs; one still open at {@code cut} (its replica died or is running) ends there. */
    private Map<String, List<Span>> spans(Instant cut) throws IOException {
        Map<String, List<Span>> byEnvironment = new HashMap<>();
        for (Path log : logs) {
            Map<String, Instant> open = new HashMap<>();
            String replica = null;
            for (String line : Files.readAllLines(log)) {
                Matcher end = END.matcher(line);
                Matcher start = START.matcher(line);
                if (end.find()) {
                    replica = end.group(2);
                    open.remove(end.group(1));
                    byEnvironment
                            .computeIfAbsent(end.group(1), k -> new ArrayList<>())
                            .add(new Span(
                                    end.group(1),
                                    replica,
                                    Instant.parse(end.group(3)),
                                    Instant.parse(end.group(4)),
                                    false));
                } else if (start.find()) {
                    replica = start.group(2);
                    open.put(start.group(1), Instant.parse(start.group(3)));
                }
            }
            for (var entry : open.entrySet()) {
                byEnvironment
                        .computeIfAbsent(entry.getKey(), k -> new ArrayList<>())
                        .add(new Span(entry.getKey(), replica, entry.getValue(), cut, true));
            }
        }
        return byEnvironment;
    }

    private static void assertNeverTwoAtOnce(Map<String, List<Span>> spans) {
        spans.forEach((id, list) -> {
            for (Span a : list) {
                for (Span b : list) {
                    if (a != b && !a.replica().equals(b.replica())) {
                        assertThat(a.end().isAfter(b.start()) && b.end().isAfter(a.start()))
                                .as(
                                        "%s was worked on by %s (%s..%s) and %s (%s..%s) at once",
                                        id, a.replica(), a.start(), a.end(), b.replica(), b.start(), b.end())
                                .isFalse();
                    }
                }
            }
        });
    }

    private String replicaOf(int index) {
        try {
            for (String line : Files.readAllLines(logs.get(index))) {
                Matcher m = START.matcher(line);
                if (m.find()) {
                    return m.group(2);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return "none";
    }

    private static Instant firstStartAfter(List<Span> spans, String replica, Instant after) {
        return spans.stream()
                .filter(s -> s.replica().equals(replica) && s.start().isAfter(after))
                .map(Span::start)
                .min(Instant::compareTo)
                .orElse(Instant.MAX);
    }

    private void assertOneNetworkEach(List<String> ids) {
        try (Ec2Client ec2 = Ec2Client.builder()
                .endpointOverride(MOTO.endpoint())
                .region(Region.EU_CENTRAL_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build()) {
            for (String id : ids) {
                Ec2Inventory mine = Ec2Inventory.ofEnvironment(ec2, id);
                assertThat(mine.vpcs()).as("VPCs of %s", id).hasSize(1);
                assertThat(mine.subnets()).as("subnets of %s", id).hasSize(4);
                assertThat(mine.natGateways()).as("NAT gateways of %s", id).hasSize(1);
            }
        }
    }
}
