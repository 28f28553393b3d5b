package dev.plinth.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.testing.FaultProxy;
import dev.plinth.testing.MotoServer;
import dev.plinth.testing.PlinthApi;
import dev.plinth.testing.PostgresServer;
import dev.plinth.testing.ServiceProcess;
import dev.plinth.testing.Waits;
import dev.plinth.testing.behaviour.AppliedQuotas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Five hundred environments in flight at once in one service JVM, every AWS call slowed: all of them
 * are being worked on together, and the JVM's thread count stays within a bound set by configuration
 * (the scheduler's workers, the step pool, the web server), not by the number of environments. Then all
 * are asked to go at once. Prints the peak thread count and the heap seen, for the record.
 */
class ManyEnvironmentsIT {

    private static final MotoServer MOTO = MotoServer.shared();
    private static final int ENVIRONMENTS = 500;
    private static final int WORKER_THREADS = 8;
    private static final int STEP_CONCURRENCY = 16;
    /**
     * The JVM's own threads (about 20: GC, compiler, JMX, reference handling), the scheduler's
     * (polling, heartbeats, the sweep), the AWS HTTP client's, the database pool's and Tomcat's (10 at
     * rest, more under the test's 8 concurrent requests): 100 is ample. Then the engine's workers and
     * its one step pool. One thread per environment would be 500 more.
     */
    private static final int THREAD_BOUND = 100 + WORKER_THREADS + STEP_CONCURRENCY;

    private static final Pattern SAMPLE = Pattern.compile(
            "^(jvm_threads_peak_threads|jvm_threads_live_threads|"
                    + "jvm_memory_used_bytes\\{area=\"heap\"[^}]*}|jvm_memory_max_bytes\\{area=\"heap\"[^}]*})\\s+(\\S+)$",
            Pattern.MULTILINE);

    private final ExecutorService clients = Executors.newFixedThreadPool(8);
    private FaultProxy aws;
    private ServiceProcess service;

    @AfterEach
    void stop() {
        clients.shutdownNow();
        if (service != null) {
            service.kill();
        }
        if (aws != null) {
            aws.close();
        }
    }

    @Test
    void fiveHundredInFlightWithABoundedNumberOfThreadsThenAllAskedToGo() throws Exception {
        MOTO.reset();
        aws = FaultProxy.behavingLikeAws(MOTO.endpoint()).slowEveryCall(Duration.ofMillis(50));
        // an account that runs five hundred environments in a Region has had its quotas raised to match
        aws.behaviours().get("service-quotas-applied", AppliedQuotas.class).raiseNetworkQuotasFor(ENVIRONMENTS);
        Path log = Path.of("target", "many-environments-service.log");
        Files.deleteIfExists(log);
        service = ServiceProcess.start(
                ServiceProcess.onPostgres(
                        PostgresServer.shared().newDatabase(),
                        aws.endpoint(),
                        Map.ofEntries(
                                Map.entry("JAVA_TOOL_OPTIONS", "-Xmx512m"),
                                Map.entry("PLINTH_ENGINE_WORKER_THREADS", String.valueOf(WORKER_THREADS)),
                                Map.entry("PLINTH_ENGINE_STEP_CONCURRENCY", String.valueOf(STEP_CONCURRENCY)),
                                Map.entry("PLINTH_ENGINE_POLLING_INTERVAL", "200ms"),
                                Map.entry("PLINTH_ENGINE_EXECUTION_BUDGET", "500ms"))),
                log);
        PlinthApi api = service.api();

        long accepting = System.nanoTime();
        List<String> ids = inParallel(IntStream.range(0, ENVIRONMENTS)
                .mapToObj(i -> (Callable<String>) () -> api.create("""
                        {"name": "many-%d", "region": "eu-central-1",
                         "network": {"cidr": "10.0.0.0/16", "availabilityZones": 1, "natGateways": "none"}}""".formatted(i)))
                .toList());
        assertThat(Set.copyOf(ids)).hasSize(ENVIRONMENTS);
        System.out.printf(
                "%d environments accepted in %d s%n",
                ENVIRONMENTS, Duration.ofNanos(System.nanoTime() - accepting).toSeconds());

        // every one of them is being worked on while the others are: none waits for another to finish
        Set<String> started = new HashSet<>();
        long heapUsed = 0;
        long begun = System.nanoTime();
        while (started.size() < ENVIRONMENTS) {
            assertThat(Duration.ofNanos(System.nanoTime() - begun))
                    .as("all %d environments under way", ENVIRONMENTS)
                    .isLessThan(Duration.ofMinutes(5));
            List<String> waiting =
                    ids.stream().filter(id -> !started.contains(id)).toList();
            inParallel(waiting.stream()
                            .map(id -> (Callable<String>) () -> hasResourceInAws(api, id) ? id : null)
                            .toList())
                    .stream()
                    .filter(id -> id != null)
                    .forEach(started::add);
            heapUsed = Math.max(heapUsed, jvm(api).heapUsed());
            Waits.pause(Duration.ofSeconds(2));
        }
        long inFlight = count(api, "PROVISIONING");
        Jvm jvm = jvm(api);
        heapUsed = Math.max(heapUsed, jvm.heapUsed());
        System.out.printf(
                "%d environments under way after %d s, %d still provisioning; threads: %d live, %d peak "
                        + "(bound %d); heap: %d MiB used at most of %d MiB%n",
                ENVIRONMENTS,
                Duration.ofNanos(System.nanoTime() - begun).toSeconds(),
                inFlight,
                jvm.liveThreads(),
                jvm.peakThreads(),
                THREAD_BOUND,
                heapUsed >> 20,
                jvm.heapMax() >> 20);
        assertThat(inFlight)
                .as("environments still provisioning once all had begun")
                .isGreaterThan(ENVIRONMENTS / 2);
        assertThat(jvm.peakThreads())
                .as("the most threads the service ever had")
                .isLessThanOrEqualTo(THREAD_BOUND);

        // all asked to go at once while the engine works on them: each answer is 202, and the threads stay bounded
        inParallel(ids.stream()
                .map(id -> (Callable<String>) () -> {
                    assertThat(api.delete("/environments/" + id).status()).isEqualTo(202);
                    return id;
                })
                .toList());
        Waits.pause(Duration.ofSeconds(10));
        // counted by the statuses a deletion leaves behind: an environment only moves on from DELETING, so
        // it cannot be counted twice while the pages are read
        assertThat(Stream.of("PENDING", "PROVISIONING", "READY", "FAILED")
                        .mapToInt(status -> count(api, status))
                        .sum())
                .as("environments not being deleted")
                .isZero();
        assertThat(jvm(api).peakThreads())
                .as("the most threads, teardown included")
                .isLessThanOrEqualTo(THREAD_BOUND);
        // the teardown of 500 environments is not waited for: the emulator, not the service, would set its pace.
        // Other tests show teardown to nothing; this one shows the bound. The emulator is reset by the next test.
    }

    /** How many environments have this status, over every page of the listing. */
    private static int count(PlinthApi api, String status) {
        int count = 0;
        String token = null;
        do {
            var page = api.get("/environments?status=" + status + "&limit=100"
                            + (token == null ? "" : "&pageToken=" + token))
                    .json();
            count += page.path("items").size();
            token = page.path("nextPageToken").isMissingNode()
                    ? null
                    : page.path("nextPageToken").asString();
        } while (token != null);
        return count;
    }

    /** The environment has at least one resource AWS has (or may have) made. */
    private static boolean hasResourceInAws(PlinthApi api, String id) {
        return api.get("/environments/" + id + "/resources")
                .json()
                .path("items")
                .valueStream()
                .anyMatch(r -> !r.path("state").asString().equals("PLANNED"));
    }

    /** The service JVM's threads (now and at most since it started) and heap (used and maximum), in bytes. */
    private record Jvm(int liveThreads, int peakThreads, long heapUsed, long heapMax) {}

    /** Read from the service's Prometheus metrics; the heap is the sum over its memory pools. */
    private static Jvm jvm(PlinthApi api) {
        Matcher m =
                SAMPLE.matcher(api.getOutsideContract("/actuator/prometheus").body());
        int live = 0;
        int peak = 0;
        long heapUsed = 0;
        long heapMax = 0;
        while (m.find()) {
            double value = Double.parseDouble(m.group(2));
            String name = m.group(1);
            if (name.startsWith("jvm_threads_peak")) {
                peak = (int) value;
            } else if (name.startsWith("jvm_threads_live")) {
                live = (int) value;
            } else if (name.startsWith("jvm_memory_used")) {
                heapUsed += (long) value;
            } else if (value > 0) {
                heapMax += (long) value;
            }
        }
        return new Jvm(live, peak, heapUsed, heapMax);
    }

    private <T> List<T> inParallel(List<Callable<T>> calls) throws Exception {
        List<T> results = new ArrayList<>();
        for (Future<T> f : clients.invokeAll(calls)) {
            results.add(f.get());
        }
        return results;
    }
}
