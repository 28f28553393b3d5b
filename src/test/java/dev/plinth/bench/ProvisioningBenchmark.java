package dev.plinth.bench;

import dev.plinth.testing.FaultProxy;
import dev.plinth.testing.MotoServer;
import dev.plinth.testing.PlinthApi;
import dev.plinth.testing.ServiceProcess;
import dev.plinth.testing.Specs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Provisions one environment with the packaged service against the emulator, every AWS call slowed
 * by a fixed latency and CloudFront taking several polls to deploy, then prints the wall time, the
 * critical path computed from the recorded step times, and their ratio; then tears it down.
 *
 * <p>Run with {@code bin/benchmark [spec.json] [--latency-ms N] [--cloudfront-polls N]}. Not a test:
 * it asserts nothing and its numbers depend on the machine.
 */
public final class ProvisioningBenchmark {

    private ProvisioningBenchmark() {}

    public static void main(String[] args) throws Exception {
        String spec = Specs.fullExample();
        int latencyMs = 100;
        int cloudFrontPolls = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--latency-ms" -> latencyMs = Integer.parseInt(args[++i]);
                case "--cloudfront-polls" -> cloudFrontPolls = Integer.parseInt(args[++i]);
                default -> spec = Files.readString(Path.of(args[i]));
            }
        }
        MotoServer moto = MotoServer.start(Map.of("MOTO_ECS_SERVICE_RUNNING", "10"));
        moto.slowDown("cloudfront::distribution", cloudFrontPolls);
        Path dir = Files.createTempDirectory("plinth-benchmark");
        try (FaultProxy aws = FaultProxy.behavingLikeAws(moto.endpoint()).slowEveryCall(Duration.ofMillis(latencyMs));
                ServiceProcess service = ServiceProcess.start(
                        Map.of(
                                "SPRING_DATASOURCE_URL",
                                "jdbc:h2:file:" + dir.resolve("plinth")
                                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0",
                                "AWS_ENDPOINT_URL",
                                aws.endpoint().toString(),
                                "AWS_ACCESS_KEY_ID",
                                "test",
                                "AWS_SECRET_ACCESS_KEY",
                                "test",
                                "AWS_REGION",
                                "eu-central-1"),
                        dir.resolve("service.log"))) {
            PlinthApi api = service.api();
            String id = api.create(spec);
            JsonNode env = api.await(id, Duration.ofMinutes(90), "READY", "FAILED");
            if (!env.path("status").asString().equals("READY")) {
                System.out.println(
                        "the environment ended " + env.path("status").asString() + ": " + env.path("failure"));
                return;
            }
            report(api, id, latencyMs, cloudFrontPolls, aws.calls().size());
            System.out.println("most made:     " + mostMade(aws.calls()));

            Instant deleteAsked = Instant.now();
            api.delete("/environments/" + id);
            api.await(id, Duration.ofMinutes(30), "DELETED", "DELETE_FAILED");
            System.out.printf(
                    "teardown:      %6.1f s (%s)%n",
                    seconds(Duration.between(deleteAsked, Instant.now())),
                    api.get("/environments/" + id).text("/status"));
        }
    }

    /** The eight actions made most often, with their counts: where the calls of a provision go. */
    private static String mostMade(List<FaultProxy.Call> calls) {
        Map<String, Long> byAction =
                calls.stream().collect(Collectors.groupingBy(FaultProxy.Call::action, Collectors.counting()));
        return byAction.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(8)
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static void report(PlinthApi api, String id, int latencyMs, int cloudFrontPolls, int calls) {
        List<JsonNode> events = api.events(id);
        Instant accepted = at(events.getFirst());
        Instant ready = events.stream()
                .filter(e -> e.path("type").asString().equals("READY"))
                .map(ProvisioningBenchmark::at)
                .findFirst()
                .orElseThrow();
        List<JsonNode> resources = api.get("/environments/" + id + "/resources")
                .json()
                .path("items")
                .valueStream()
                .toList();

        // a step runs from the intent to create it until it was recorded ready; a step may start when what it
        // depends on is done, or, for a dependency it needs only for an attribute (needsOnly), when that one
        // started: its create call publishes the attribute (a lower bound, as a floor should be)
        Map<String, Duration> step = new HashMap<>();
        Map<String, List<String>> dependsOn = new HashMap<>();
        Map<String, Set<String>> needsOnly = new HashMap<>();
        for (JsonNode r : resources) {
            String key = r.path("key").asString();
            step.put(
                    key,
                    Duration.between(
                            Instant.parse(r.path("createdAt").asString()),
                            Instant.parse(r.path("updatedAt").asString())));
            dependsOn.put(
                    key,
                    r.path("dependsOn").valueStream().map(JsonNode::asString).toList());
            needsOnly.put(key, Set.copyOf(r.path("needsOnly").propertyNames()));
        }
        Map<String, Duration> finish = new HashMap<>();
        String last = null;
        for (JsonNode r : resources) { // in dependency order, as the API lists them
            String key = r.path("key").asString();
            Duration before = dependsOn.get(key).stream()
                    .map(d -> needsOnly.get(key).contains(d) ? finish.get(d).minus(step.get(d)) : finish.get(d))
                    .max(Duration::compareTo)
                    .orElse(Duration.ZERO);
            finish.put(key, before.plus(step.get(key)));
            if (last == null || finish.get(key).compareTo(finish.get(last)) > 0) {
                last = key;
            }
        }
        Duration wall = Duration.between(accepted, ready);
        Duration critical = finish.get(last);
        Duration sum = step.values().stream().reduce(Duration.ZERO, Duration::plus);

        System.out.printf(
                "resources:     %d, AWS calls: %d, latency per call: %d ms, CloudFront polls to deploy: %d%n",
                resources.size(), calls, latencyMs, cloudFrontPolls);
        System.out.printf("wall time:     %6.1f s (accepted -> READY)%n", seconds(wall));
        System.out.printf(
                "critical path: %6.1f s (longest chain of recorded step times through the graph's edges, ending at %s)%n",
                seconds(critical), last);
        System.out.printf("ratio:         %6.2f (wall / critical path)%n", seconds(wall) / seconds(critical));
        System.out.printf("sum of steps:  %6.1f s (what one step at a time would take)%n", seconds(sum));
    }

    private static Instant at(JsonNode event) {
        return Instant.parse(event.path("at").asString());
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
