package dev.plinth.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.aws.AwsErrors;
import dev.plinth.aws.RetryPolicy;
import dev.plinth.aws.RetryProperties;
import dev.plinth.environment.Environment;
import dev.plinth.environment.EnvironmentEvent;
import dev.plinth.environment.EnvironmentOutputs;
import dev.plinth.environment.EnvironmentRepository;
import dev.plinth.environment.EnvironmentStatus;
import dev.plinth.environment.EventLog;
import dev.plinth.environment.EventQuery;
import dev.plinth.environment.EventType;
import dev.plinth.spec.EnvironmentSpec;
import dev.plinth.spec.NatGatewayMode;
import dev.plinth.spec.NetworkSpec;
import dev.plinth.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reconcile loop against fake handlers and a real (in-memory) database, with a clock the test
 * moves: ordering, parallel branches, waiting without threads, crash-shaped failures, teardown.
 *
 * <p>The graph: {@code a} first; {@code b} and {@code c} each need {@code a}; {@code d} needs both.
 */
class ReconcilerTest {

    /** The desired record of the fake kind. */
    record Thing(String name) implements ResourceDesired {}

    private static final ResourceKey A = ResourceKey.of("a");
    private static final ResourceKey B = ResourceKey.of("b");
    private static final ResourceKey C = ResourceKey.of("c");
    private static final ResourceKey D = ResourceKey.of("d");
    /** The fake kind's own delete deadline; every other kind waits {@link #DEFAULT_DELETE_TIMEOUT}. */
    private static final Duration DELETE_TIMEOUT = Duration.ofMinutes(5);

    private static final Duration DEFAULT_DELETE_TIMEOUT = Duration.ofMinutes(45);
    private static final Duration READINESS_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration MAX_POLL = Duration.ofMinutes(2);

    private final FakeCloud cloud = new FakeCloud();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final ExecutorService steps = Executors.newFixedThreadPool(4);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private EnvironmentRepository environments;
    private ResourceRepository resources;
    private EventLog events;
    private DriftRepository drifts;
    private GraphPlanner planner;
    private HandlerRegistry handlers;
    private Reconciler reconciler;
    private String id;

    @BeforeEach
    void setUp() {
        var dataSource = new SimpleDriverDataSource(
                new org.h2.Driver(),
                "jdbc:h2:mem:" + UUID.randomUUID()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        JsonMapper json = JsonMapper.builder().build();
        environments = new EnvironmentRepository(jdbc, json);
        resources = new ResourceRepository(jdbc, json);
        events = new EventLog(jdbc, clock);
        var nodes = List.of(node(D, B, C), node(B, A), node(C, A), node(A));
        planner = new GraphPlanner() {
            /** The whole graph, less the keys the spec's tag {@code without} lists. */
            @Override
            public ResourceGraph plan(Environment environment) {
                List<String> without = List.of(
                        environment.spec().tags().getOrDefault("without", "").split(","));
                return new ResourceGraph(nodes.stream()
                        .filter(n -> !without.contains(n.key().value()))
                        .toList());
            }

            @Override
            public EnvironmentOutputs outputs(Environment environment, Map<ResourceKey, ResourceRecord> existing) {
                return new EnvironmentOutputs(
                        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                        List.of(), List.of(), List.of(), Map.of());
            }
        };
        var properties = new EngineProperties(
                1,
                4,
                Duration.ofSeconds(1),
                Duration.ofSeconds(10),
                6,
                Duration.ofSeconds(1),
                Duration.ofSeconds(8),
                Duration.ofSeconds(60),
                DEFAULT_DELETE_TIMEOUT,
                Map.of("Test::Thing", DELETE_TIMEOUT),
                Duration.ofSeconds(10),
                Duration.ofSeconds(20),
                Duration.ofHours(1),
                Map.of("Test::Thing", READINESS_TIMEOUT),
                Duration.ofSeconds(30),
                MAX_POLL);
        handlers = new HandlerRegistry(List.of(cloud));
        var errors = new AwsErrors(RetryProperties.AS_AWS);
        drifts = new DriftRepository(jdbc, json);
        var journal = new ResourceJournal(
                resources, events, new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
        var metrics = new EngineMetrics(registry, events);
        var looks = new Looks(journal, properties);
        var tools = new StepTools(handlers, journal, looks, errors, properties, metrics, clock);
        var driftCheck =
                new DriftCheck(handlers, errors, drifts, events, journal, new SimpleMeterRegistry(), steps, clock);
        reconciler = new Reconciler(
                environments,
                journal,
                planner,
                new Rounds(journal, steps, properties, clock),
                new ProvisionSteps(tools),
                new TeardownSteps(tools),
                new EnvironmentOutcomes(environments, events, drifts, metrics, clock),
                new DriftPass(environments, journal, events, planner, drifts, driftCheck, metrics, clock),
                properties,
                clock);
        id = UUID.randomUUID().toString();
        environments.insert(Environment.accept(
                id,
                null,
                new EnvironmentSpec(
                        "test", "eu-central-1", Map.of(), new NetworkSpec("10.0.0.0/16", 1, NatGatewayMode.NONE)),
                List.of("eu-central-1a"),
                null,
                "h",
                clock.instant()));
    }

    @AfterEach
    void tearDown() {
        steps.shutdownNow();
    }

    @Test
    void createsEachResourceOnceAfterWhatItNeedsAndEndsReady() {
        runUntilDone();

        assertThat(status()).isEqualTo(EnvironmentStatus.READY);
        assertThat(cloud.createOrder).hasSize(4);
        assertThat(cloud.createOrder.getFirst()).isEqualTo(A);
        assertThat(cloud.createOrder.getLast()).isEqualTo(D);
        assertThat(cloud.creates).containsOnly(Map.entry(A, 1), Map.entry(B, 1), Map.entry(C, 1), Map.entry(D, 1));
        assertThat(resources.byKey(id).values())
                .allSatisfy(r -> assertThat(r.state()).isEqualTo(ResourceState.READY));
        assertThat(registry.get("plinth.resource.create.duration")
                        .tag("kind", "Test::Thing")
                        .timer()
                        .count())
                .as("each create timed once")
                .isEqualTo(4);
    }

    @Test
    void independentBranchesAreCreatedAtTheSameTime() {
        var bothInFlight = new CyclicBarrier(2);
        cloud.beforeCreate = key -> {
            if (key.equals(B) || key.equals(C)) {
                try {
                    bothInFlight.await(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(
                            key + " was created alone: the branches ran one after the other", e);
                }
            }
        };

        runUntilDone();

        assertThat(status()).isEqualTo(EnvironmentStatus.READY);
        assertThat(bothInFlight.isBroken()).isFalse();
    }

    @Test
    void aResourceThatIsNotReadyIsLookedAtAgainLaterWithoutHoldingTheWorker() {
        cloud.readiness.put(B, Readiness.pending("provisioning", Duration.ofSeconds(30)));

        Reconciler.Outcome outcome = runUntilWaiting();

        assertThat(outcome).isEqualTo(new Reconciler.Outcome.Again(Duration.ofSeconds(30)));
        assertThat(cloud.creates).containsOnlyKeys(A, B, C);
        assertThat(status()).isEqualTo(EnvironmentStatus.PROVISIONING);

        cloud.readiness.remove(B);
        clock.advance(Duration.ofSeconds(30));
        runUntilDone();
        assertThat(status()).isEqualTo(EnvironmentStatus.READY);
        assertThat(cloud.creates.get(B)).isEqualTo(1);
    }

    @Test
    void aResourceIsLookedAtAgainWithinTheLongestPollWhateverItsKindAsks() {
        cloud.readiness.put(B, Readiness.pending("creating", Duration.ofMinutes(30)));

        assertThat(runUntilWaiting()).isEqualTo(new Reconciler.Outcome.Again(MAX_POLL));
    }

    @Test
    void aWaitingResourceSaysWhatItWaitsForOnceEachTimeThatChangesAndNothingOnceReady() {
        cloud.readiness.put(
                B, Readiness.pending("ECS service running 0/2 tasks, deployment IN_PROGRESS", Duration.ofSeconds(30)));
        runUntilWaiting();
        clock.advance(Duration.ofSeconds(30));
        runUntilWaiting();

        assertThat(resources.byKey(id).get(B).waitingFor())
                .isEqualTo("ECS service running 0/2 tasks, deployment IN_PROGRESS");
        assertThat(eventTypesOf(B)).as("looked at twice, said once").containsOnlyOnce(EventType.WAITING);

        cloud.readiness.put(
                B, Readiness.pending("ECS service running 1/2 tasks, deployment IN_PROGRESS", Duration.ofSeconds(30)));
        clock.advance(Duration.ofSeconds(30));
        runUntilWaiting();
        assertThat(events.list(id, new EventQuery(0, null, Set.of(EventType.WAITING), 1000))
                        .events())
                .extracting(e -> e.message())
                .containsExactly(
                        "waiting for ECS service running 0/2 tasks, deployment IN_PROGRESS",
                        "waiting for ECS service running 1/2 tasks, deployment IN_PROGRESS");

        cloud.readiness.remove(B);
        clock.advance(Duration.ofSeconds(30));
        runUntilDone();
        assertThat(resources.byKey(id).get(B).waitingFor())
                .as("a ready resource waits for nothing")
                .isNull();
    }

    @Test
    void aResourceThatNeverBecomesReadyFailsWhenItsKindsTimeoutRunsOutWithTheLastStateSeen() {
        cloud.readiness.put(
                B, Readiness.pending("0 of 2 tasks running; stopped: CannotPullContainerError", Duration.ofMinutes(1)));

        runUntilDone();

        Environment env = environments.findById(id).orElseThrow();
        assertThat(env.status()).isEqualTo(EnvironmentStatus.FAILED);
        assertThat(env.failure().step()).isEqualTo("b");
        assertThat(env.failure().code()).isEqualTo("ReadinessTimeout");
        assertThat(env.failure().message())
                .as("names what it waited for")
                .startsWith("Test::Thing ")
                .contains(
                        "not ready within 10m, still waiting for 0 of 2 tasks running; stopped: CannotPullContainerError");
        assertThat(clock.instant())
                .isAfter(resources.byKey(id).get(B).waitingSince().plus(READINESS_TIMEOUT));
    }

    @Test
    void aCreateWhoseAnswerWasLostIsFoundAndAdoptedNotMadeTwice() {
        AtomicInteger lost = new AtomicInteger(1);
        cloud.afterCreate = key -> {
            if (key.equals(C) && lost.getAndDecrement() > 0) {
                throw SdkClientException.create("Connection reset");
            }
        };

        runUntilDone();

        assertThat(status()).isEqualTo(EnvironmentStatus.READY);
        assertThat(cloud.creates.get(C)).isEqualTo(1);
        assertThat(eventTypesOf(C))
                .containsSubsequence(
                        EventType.CREATE_STARTED,
                        EventType.RETRY_SCHEDULED,
                        EventType.ADOPTED,
                        EventType.CREATE_FINISHED);
    }

    @Test
    void aResourceAwsDoesNotShowYetRightAfterItsCreateIsWaitedForNotMadeTwice() {
        AtomicInteger unseen = new AtomicInteger(3);
        cloud.duringObserve = key -> {
            if (key.equals(C) && cloud.existing.containsKey(C) && unseen.getAndDecrement() > 0) {
                throw awsError(400, "InvalidSubnetID.NotFound", "The subnet ID 'subnet-1' does not exist");
            }
        };

        runUntilDone();

        assertThat(status()).isEqualTo(EnvironmentStatus.READY);
        assertThat(cloud.creates.get(C)).isEqualTo(1);
        assertThat(events.list(id, new EventQuery(0, "c", Set.of(EventType.RETRY_SCHEDULED), 20))
                        .events())
                .hasSize(3)
                .allSatisfy(e -> assertThat(e.message()).contains("(not-found-after-create: attempt "));
    }

    @Test
    void aCreateThatSucceedsOnALaterAttemptIsTimedFromTheFirstIntent() {
        AtomicInteger throttled = new AtomicInteger(1);
        cloud.beforeCreate = key -> {
            if (key.equals(B) && throttled.getAndDecrement() > 0) {
                throw awsError(503, "RequestLimitExceeded", "Request limit exceeded.");
            }
        };

        runUntilDone();

        List<EnvironmentEvent> b = events.list(
                        id, new EventQuery(0, "b", Set.of(EventType.CREATE_STARTED, EventType.CREATE_FINISHED), 10))
                .events();
        assertThat(b)
                .extracting(e -> e.type())
                .containsExactly(EventType.CREATE_STARTED, EventType.CREATE_STARTED, EventType.CREATE_FINISHED);
        assertThat(b.getLast().duration())
                .isEqualTo(Duration.between(b.getFirst().at(), b.getLast().at()))
                .isPositive();
    }

    @Test
    void aTerminalErrorFailsTheEnvironmentWithTheStepAndStopsItsDependents() {
        cloud.beforeCreate = key -> {
            if (key.equals(C)) {
                throw awsError(403, "UnauthorizedOperation", "You are not authorized to perform this operation.");
            }
        };

        runUntilDone();

        Environment env = environments.findById(id).orElseThrow();
        assertThat(env.status()).isEqualTo(EnvironmentStatus.FAILED);
        assertThat(env.failure().step()).isEqualTo("c");
        assertThat(env.failure().code()).isEqualTo("UnauthorizedOperation");
        assertThat(env.failure().message()).isEqualTo("You are not authorized to perform this operation.");
        assertThat(cloud.creates).doesNotContainKey(D);
    }

    @Test
    void retryableErrorsAreRetriedWithBackoffAndGiveUpAfterTheLastAttempt() {
        cloud.beforeCreate = key -> {
            if (key.equals(B)) {
                throw awsError(503, "RequestLimitExceeded", "Request limit exceeded.");
            }
        };

        runUntilDone();

        Environment env = environments.findById(id).orElseThrow();
        assertThat(env.status()).isEqualTo(EnvironmentStatus.FAILED);
        assertThat(env.failure().step()).isEqualTo("b");
        int attempts = RetryPolicy.rule("throttling").maxAttempts();
        assertThat(eventTypesOf(B).stream().filter(EventType.RETRY_SCHEDULED::equals))
                .hasSize(attempts - 1);
        assertThat(resources.byKey(id).get(B).lastError()).contains("gave up after " + attempts + " attempts");
        assertThat(events.list(id, new EventQuery(0, "b", Set.of(EventType.RETRY_SCHEDULED), 20))
                        .events())
                .allSatisfy(e -> assertThat(e.message()).contains("(throttling: attempt "));
    }

    @Test
    void teardownDeletesEachResourceAfterEverythingThatNeedsIt() {
        runUntilDone();
        requestDeletion();

        runUntilDone();

        assertThat(status()).isEqualTo(EnvironmentStatus.DELETED);
        assertThat(cloud.existing).isEmpty();
        assertThat(cloud.deleteOrder.getFirst()).isEqualTo(D);
        assertThat(cloud.deleteOrder.getLast()).isEqualTo(A);
        assertThat(resources.byKey(id).values())
                .allSatisfy(r -> assertThat(r.state()).isEqualTo(ResourceState.DELETED));
    }

    @Test
    void aResourceStillDeletingIsWaitedForAndSaysSoBeforeWhatItStandsOnIsDeleted() {
        runUntilDone();
        cloud.deletingSlowly.add(C);
        requestDeletion();

        runUntilWaiting();

        ResourceRecord c = resources.byKey(id).get(C);
        assertThat(c.state()).isEqualTo(ResourceState.DELETING);
        assertThat(c.waitingFor()).isEqualTo("deleting");
        assertThat(cloud.deleteOrder)
                .as("what c stands on waits for it to be gone")
                .contains(C)
                .doesNotContain(A);
        assertThat(status()).isEqualTo(EnvironmentStatus.DELETING);

        cloud.deletingSlowly.remove(C);
        cloud.existing.remove(C);
        clock.advance(MAX_POLL);
        runUntilDone();
        assertThat(status()).isEqualTo(EnvironmentStatus.DELETED);
        assertThat(cloud.deleteOrder.getLast()).isEqualTo(A);
    }

    @Test
    void teardownOfAPartlyBuiltEnvironmentDeletesOnlyWhatExists() {
        cloud.readiness.put(B, Readiness.pending("provisioning", Duration.ofMinutes(10)));
        runUntilWaiting();
        requestDeletion();

        runUntilDone();

        assertThat(status()).isEqualTo(EnvironmentStatus.DELETED);
        assertThat(cloud.existing).isEmpty();
        assertThat(cloud.deleteOrder).containsExactlyInAnyOrder(A, B, C);
        assertThat(cloud.deleteOrder.getLast()).isEqualTo(A);
    }

    @Test
    void aDeleteBlockedByADependencyIsRetriedUntilTheDeadlineThenNamesTheBlocker() {
        runUntilDone();
        cloud.deleteFault = key -> {
            if (key.equals(A)) {
                throw awsError(400, "DependencyViolation", "The vpc has dependencies and cannot be deleted.");
            }
        };
        requestDeletion();

        runUntilDone();

        Environment env = environments.findById(id).orElseThrow();
        assertThat(env.status()).isEqualTo(EnvironmentStatus.DELETE_FAILED);
        assertThat(env.failure().step()).isEqualTo("a");
        assertThat(env.failure().code()).isEqualTo("DependencyViolation");
        assertThat(clock.instant()).isAfterOrEqualTo(env.deleteRequestedAt().plus(DELETE_TIMEOUT));
        assertThat(eventTypesOf(A)).contains(EventType.RETRY_SCHEDULED);
        assertThat(cloud.existing).containsOnlyKeys(A);
    }

    @Test
    void aDeleteWaitsForWhatItsHandlerSaysIsInItsWaySayingWhatAndDeletesOnceItIsGone() {
        runUntilDone();
        cloud.blockers.put(
                A, new DeleteBlocker("eni-1 (RDSNetworkInterface, requested by amazon-rds) to be released", "fix"));
        cloud.blockedLooks.set(3);
        requestDeletion();

        runUntilDone();

        assertThat(status()).isEqualTo(EnvironmentStatus.DELETED);
        assertThat(cloud.deleteOrder)
                .as("A's delete called once, when nothing was in its way")
                .containsOnlyOnce(A);
        assertThat(events.list(id, new EventQuery(0, "a", Set.of(EventType.WAITING), 10))
                        .events())
                .extracting(EnvironmentEvent::message)
                .containsExactly("waiting for eni-1 (RDSNetworkInterface, requested by amazon-rds) to be released");
    }

    @Test
    void aBlockerThatNeverGoesFailsTheDeleteAtItsKindsDeadlineNamingItAndItsFix() {
        runUntilDone();
        cloud.blockers.put(
                A,
                new DeleteBlocker(
                        "eni-1 (ELB app/web/1, requested by amazon-elb) to be released from subnet-1",
                        "delete it: aws ec2 delete-network-interface --network-interface-id eni-1"));
        requestDeletion();

        runUntilDone();

        Environment env = environments.findById(id).orElseThrow();
        assertThat(env.status()).isEqualTo(EnvironmentStatus.DELETE_FAILED);
        assertThat(env.failure().step()).isEqualTo("a");
        assertThat(env.failure().code()).isEqualTo("DeleteBlocked");
        assertThat(env.failure().message())
                .isEqualTo(
                        "gave up after 5m waiting for eni-1 (ELB app/web/1, requested by"
                                + " amazon-elb) to be released from subnet-1; delete it: aws ec2 delete-network-interface --network-interface-id eni-1");
        assertThat(cloud.existing).as("never deleted while in use").containsOnlyKeys(A);
        Instant started = events.list(id, new EventQuery(0, "a", Set.of(EventType.DELETE_STARTED), 10))
                .events()
                .getFirst()
                .at();
        Instant failed = events.list(id, new EventQuery(0, "a", Set.of(EventType.DELETE_FAILED), 10))
                .events()
                .getFirst()
                .at();
        assertThat(failed)
                .as("the kind's deadline, not the default one")
                .isAfterOrEqualTo(started.plus(DELETE_TIMEOUT))
                .isBefore(env.deleteRequestedAt().plus(DEFAULT_DELETE_TIMEOUT));
        assertThat(resources.byKey(id).get(A).lastError()).startsWith("DeleteBlocked: gave up after 5m");
    }

    @Test
    void throttlingDuringTeardownIsRetriedAFewTimesNotUntilTheDeadline() {
        runUntilDone();
        cloud.deleteFault = key -> {
            if (key.equals(D)) {
                throw awsError(503, "RequestLimitExceeded", "Request limit exceeded.");
            }
        };
        requestDeletion();

        runUntilDone();

        Environment env = environments.findById(id).orElseThrow();
        assertThat(env.status()).isEqualTo(EnvironmentStatus.DELETE_FAILED);
        assertThat(env.failure().code()).isEqualTo("RequestLimitExceeded");
        assertThat(eventTypesOf(D).stream().filter(EventType.RETRY_SCHEDULED::equals))
                .hasSize(RetryPolicy.rule("throttling").maxAttempts() - 1);
        assertThat(clock.instant()).isBefore(env.deleteRequestedAt().plus(DELETE_TIMEOUT));
    }

    @Test
    void aChangeThatRemovesResourcesDeletesThemOnceTheRestIsReadyDependentsFirst() {
        runUntilDone();

        changeSpec(Map.of("without", "c,d"));
        runUntilDone();

        Environment env = environments.findById(id).orElseThrow();
        assertThat(env.status()).isEqualTo(EnvironmentStatus.READY);
        assertThat(env.retiredSpec()).isNull();
        assertThat(cloud.existing).containsOnlyKeys(A, B);
        assertThat(cloud.deleteOrder).containsExactly(D, C);
        assertThat(resources.byKey(id).get(C).state()).isEqualTo(ResourceState.DELETED);
        assertThat(resources.byKey(id).get(D).state()).isEqualTo(ResourceState.DELETED);
        assertThat(cloud.creates).containsOnly(Map.entry(A, 1), Map.entry(B, 1), Map.entry(C, 1), Map.entry(D, 1));
    }

    @Test
    void aResourceAChangeRemovedIsCreatedAgainAtOnceWhenTheNextChangeBringsItBack() {
        runUntilDone();
        changeSpec(Map.of("without", "d"));
        runUntilDone();
        Instant removed = clock.instant();

        Environment env = environments.findById(id).orElseThrow();
        environments
                .save(env.update(
                        new EnvironmentSpec(
                                env.name(), env.region(), Map.of(), env.spec().network()),
                        null,
                        clock.instant()))
                .orElseThrow();
        resources.reopenReady(id, clock.instant());
        runUntilDone();

        assertThat(status()).isEqualTo(EnvironmentStatus.READY);
        assertThat(cloud.creates.get(D)).isEqualTo(2);
        assertThat(Duration.between(removed, clock.instant()))
                .as("not held back by the grace a just-created resource gets")
                .isLessThan(Duration.ofSeconds(60));
    }

    @Test
    void aRemovalStoppedByAFailureLeavesNothingBehindWhenTheEnvironmentIsDeleted() {
        runUntilDone();
        cloud.deleteFault = key -> {
            if (key.equals(C)) {
                throw awsError(400, "InvalidParameterCombination", "Cannot delete c.");
            }
        };
        changeSpec(Map.of("without", "c,d"));
        runUntilDone();
        Environment failed = environments.findById(id).orElseThrow();
        assertThat(failed.status()).isEqualTo(EnvironmentStatus.FAILED);
        assertThat(failed.failure().step()).isEqualTo("c");
        assertThat(cloud.existing).containsOnlyKeys(A, B, C);

        cloud.deleteFault = key -> {};
        requestDeletion();
        runUntilDone();

        assertThat(status()).isEqualTo(EnvironmentStatus.DELETED);
        assertThat(cloud.existing).isEmpty();
        assertThat(cloud.deleteOrder.getLast()).isEqualTo(A);
    }

    @Test
    void aCheckReportsAResourceGoneBehindItsBackAndChangesNothingUntilARepairIsAskedFor() {
        runUntilDone();
        cloud.existing.remove(B);

        drifts.request(id, false, clock.instant());
        runUntilDone();

        assertThat(status()).isEqualTo(EnvironmentStatus.READY);
        assertThat(drifts.report(id).orElseThrow().differences())
                .containsExactly(new Drift("b", "Test::Thing", Drift.EXISTS, "true", "false"));
        assertThat(eventTypesOf(null)).contains(EventType.DRIFT_DETECTED).doesNotContain(EventType.REPAIR_STARTED);
        assertThat(cloud.existing).doesNotContainKey(B);
        assertThat(drifts.pending(id)).as("the request is answered").isEmpty();

        drifts.request(id, true, clock.instant());
        runUntilDone();

        assertThat(status()).isEqualTo(EnvironmentStatus.READY);
        assertThat(cloud.existing).containsKeys(A, B, C, D);
        assertThat(cloud.creates).containsOnly(Map.entry(A, 1), Map.entry(B, 2), Map.entry(C, 1), Map.entry(D, 1));
        assertThat(drifts.report(id).orElseThrow().differences()).isEmpty();
        assertThat(eventTypesOf(null)).contains(EventType.REPAIR_STARTED);
        assertThat(eventTypesOf(D))
                .as("looked at again, found as the spec says")
                .containsExactly(EventType.CREATE_STARTED, EventType.CREATE_FINISHED);
        EnvironmentEvent recreated = events.list(id, new EventQuery(0, "b", Set.of(EventType.CREATE_FINISHED), 10))
                .events()
                .getLast();
        assertThat(recreated.duration())
                .as("from the intent to create it again")
                .isEqualTo(Duration.ZERO);
    }

    @Test
    void aRepairAskedForWhileACheckOnlyToReportIsUnderWayIsMadeNotLost() {
        runUntilDone();
        cloud.existing.remove(B);
        drifts.request(id, false, clock.instant());
        var asked = new java.util.concurrent.atomic.AtomicBoolean();
        cloud.duringObserve = key -> {
            if (asked.compareAndSet(false, true)) {
                assertThat(drifts.request(id, true, clock.instant())).isTrue();
            }
        };

        runUntilDone();

        assertThat(asked).isTrue();
        assertThat(cloud.existing).containsKeys(A, B, C, D);
        assertThat(eventTypesOf(null)).contains(EventType.DRIFT_DETECTED, EventType.REPAIR_STARTED);
        assertThat(drifts.pending(id)).isEmpty();
    }

    @Test
    void theSweepAsksForOneCheckOfAReadyEnvironmentWithinTheIntervalAndNoneWhileOneIsPending() {
        var sweep = new DriftSweep(
                environments, drifts, planner, handlers, new DriftProperties(Duration.ofMinutes(10), 1), clock);
        var scheduled = new ArrayList<Map.Entry<String, Instant>>();
        sweep.requestChecks((environment, at) -> scheduled.add(Map.entry(environment, at)));
        assertThat(scheduled).as("not READY yet").isEmpty();
        runUntilDone();
        Instant now = clock.instant();

        sweep.requestChecks((environment, at) -> scheduled.add(Map.entry(environment, at)));
        sweep.requestChecks((environment, at) -> scheduled.add(Map.entry(environment, at)));

        assertThat(scheduled).singleElement().satisfies(e -> {
            assertThat(e.getKey()).isEqualTo(id);
            assertThat(e.getValue()).isBetween(now, now.plus(Duration.ofMinutes(10)));
        });
        assertThat(drifts.pending(id))
                .hasValueSatisfying(r -> assertThat(r.repair()).isFalse());
        runUntilDone();
        assertThat(drifts.pending(id)).isEmpty();
    }

    @Test
    void eachCheckComesWithinOneIntervalOfTheLastSoDriftIsSeenWithinOneInterval() {
        Duration interval = Duration.ofMinutes(10);
        var sweep = new DriftSweep(environments, drifts, planner, handlers, new DriftProperties(interval, 1000), clock);
        var scheduled = new ArrayList<Instant>();
        runUntilDone();
        Instant ready = drifts.report(id).orElseThrow().checkedAt();
        assertThat(ready).as("becoming READY counts as a check").isEqualTo(clock.instant());

        clock.advance(Duration.ofMinutes(3));
        sweep.requestChecks((environment, at) -> scheduled.add(at));
        assertThat(scheduled)
                .singleElement()
                .as("in the last tenth of the interval since READY")
                .satisfies(at -> assertThat(at)
                        .isBetween(ready.plus(interval.multipliedBy(9).dividedBy(10)), ready.plus(interval)));

        runUntilDone();
        clock.advance(interval.multipliedBy(3));
        sweep.requestChecks((environment, at) -> scheduled.add(at));
        assertThat(scheduled).hasSize(2);
        assertThat(scheduled.getLast()).as("overdue: now").isEqualTo(clock.instant());
    }

    @Test
    void withoutARequestAReadyEnvironmentIsNotLookedAt() {
        runUntilDone();
        cloud.existing.remove(B);

        runUntilDone();

        assertThat(drifts.report(id).orElseThrow().differences()).isEmpty();
        assertThat(eventTypesOf(null)).doesNotContain(EventType.DRIFT_DETECTED);
    }

    @Test
    void aChangeThatFindsEveryResourceAsTheSpecSaysWritesNoResourceEventAndEndsReady() {
        runUntilDone();
        long before = lastEventId();

        changeSpec(Map.of("team", "payments"));
        runUntilDone();

        assertThat(status()).isEqualTo(EnvironmentStatus.READY);
        assertThat(eventsAfter(before)).containsExactly("READY");
        assertThat(resources.byKey(id).values())
                .allSatisfy(r -> assertThat(r.state()).isEqualTo(ResourceState.READY));
        assertThat(cloud.creates).containsOnly(Map.entry(A, 1), Map.entry(B, 1), Map.entry(C, 1), Map.entry(D, 1));
        assertThat(cloud.updates).isEmpty();
    }

    @Test
    void aResourceThatDiffersFromTheChangedSpecIsUpdatedWithTheAttributesAndTheUpdatesOwnDuration() {
        runUntilDone();
        clock.advance(Duration.ofHours(1));
        cloud.differences.put(B, List.of(new Difference("desiredCount", "4", "2")));
        cloud.readinessAfterUpdate.put(B, Readiness.pending("deploying", Duration.ofSeconds(45)));
        long before = lastEventId();

        changeSpec(Map.of("team", "payments"));
        Instant changed = clock.instant();
        runUntilDone();

        assertThat(status()).isEqualTo(EnvironmentStatus.READY);
        assertThat(eventsAfter(before)).containsExactly("UPDATE_STARTED b", "WAITING b", "UPDATE_FINISHED b", "READY");
        List<EnvironmentEvent> updated =
                events.list(id, new EventQuery(before, "b", Set.of(), 10)).events();
        assertThat(updated.getFirst().message()).isEqualTo("changing b-1: [desiredCount 2 -> 4]");
        assertThat(updated.getLast().duration())
                .as("from the update's start, not from the create")
                .isEqualTo(Duration.between(changed, updated.getLast().at()))
                .isEqualTo(Duration.ofSeconds(45));
        assertThat(cloud.updates).containsOnly(Map.entry(B, 1));
        var timer = registry.get("plinth.resource.update.duration")
                .tag("kind", "Test::Thing")
                .timer();
        assertThat(timer.count())
                .as("one update, the resources only looked at again are not timed")
                .isEqualTo(1);
        assertThat(timer.totalTime(TimeUnit.SECONDS)).isEqualTo(45);
    }

    @Test
    void anUpdateThatFailsForGoodIsAnUpdatesFailure() {
        runUntilDone();
        cloud.differences.put(C, List.of(new Difference("image", "nginx:1.28", "nginx:1.27")));
        cloud.readinessAfterUpdate.put(C, Readiness.failed("0 of 2 tasks running: CannotPullContainerError"));

        changeSpec(Map.of("team", "payments"));
        runUntilDone();

        assertThat(status()).isEqualTo(EnvironmentStatus.FAILED);
        assertThat(eventTypesOf(C))
                .containsSubsequence(EventType.CREATE_FINISHED, EventType.UPDATE_STARTED, EventType.UPDATE_FAILED)
                .doesNotContain(EventType.CREATE_FAILED);
    }

    @Test
    void settingsMadeRightAfterTheCreateAreAnUpdateThatTheCreateFinishes() {
        cloud.differences.put(A, List.of(new Difference("enableDnsHostnames", "true", "false")));

        runUntilDone();

        assertThat(status()).isEqualTo(EnvironmentStatus.READY);
        assertThat(eventTypesOf(A))
                .containsExactly(EventType.CREATE_STARTED, EventType.UPDATE_STARTED, EventType.CREATE_FINISHED);
    }

    @Test
    void aNewIdAnUpdateGaveIsRecordedNotAdopted() {
        runUntilDone();
        cloud.updateMakesNewId = true;
        cloud.differences.put(B, List.of(new Difference("image", "nginx:1.28", "nginx:1.27")));

        changeSpec(Map.of("team", "payments"));
        runUntilDone();

        assertThat(status()).isEqualTo(EnvironmentStatus.READY);
        assertThat(resources.byKey(id).get(B).physicalId()).isEqualTo("b-1-revision-1");
        assertThat(eventTypesOf(B))
                .doesNotContain(EventType.ADOPTED)
                .endsWith(EventType.UPDATE_STARTED, EventType.UPDATE_FINISHED);
    }

    @Test
    void aResourceFoundInPlaceOfTheRecordedOneThatIsGoneIsAdopted() {
        runUntilDone();
        cloud.existing.put(C, "c-made-by-hand");

        changeSpec(Map.of("team", "payments"));
        runUntilDone();

        assertThat(status()).isEqualTo(EnvironmentStatus.READY);
        assertThat(resources.byKey(id).get(C).physicalId()).isEqualTo("c-made-by-hand");
        assertThat(events.list(id, new EventQuery(0, "c", Set.of(EventType.ADOPTED), 10))
                        .events())
                .singleElement()
                .satisfies(
                        e -> assertThat(e.message()).isEqualTo("found c-made-by-hand in place of c-1, which is gone"));
        assertThat(eventTypesOf(A)).as("found at its recorded id").doesNotContain(EventType.ADOPTED);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private long lastEventId() {
        return events.list(id, EventQuery.after(0, 1000)).events().getLast().id();
    }

    /** The events after the one with id {@code after}, each as its type and resource key. */
    private List<String> eventsAfter(long after) {
        return events.list(id, EventQuery.after(after, 1000)).events().stream()
                .map(e -> e.resourceKey() == null ? e.type().name() : e.type() + " " + e.resourceKey())
                .toList();
    }

    /** What {@code Updates} does once a change is accepted: the new spec, the old one for what it removes. */
    private void changeSpec(Map<String, String> tags) {
        Environment env = environments.findById(id).orElseThrow();
        var changed =
                new EnvironmentSpec(env.name(), env.region(), tags, env.spec().network());
        environments.save(env.update(changed, env.spec(), clock.instant())).orElseThrow();
        resources.reopenReady(id, clock.instant());
    }

    /** Runs executions as the scheduler would, moving the clock over each wait, until the environment is done. */
    private void runUntilDone() {
        for (int i = 0; i < 200; i++) {
            if (reconciler.reconcile(id) instanceof Reconciler.Outcome.Again again) {
                clock.advance(again.after());
            } else {
                return;
            }
        }
        throw new AssertionError("still not done after 200 executions: " + status());
    }

    /** Runs executions until one asks to wait a while. */
    private Reconciler.Outcome runUntilWaiting() {
        for (int i = 0; i < 50; i++) {
            Reconciler.Outcome outcome = reconciler.reconcile(id);
            if (!(outcome instanceof Reconciler.Outcome.Again again)
                    || !again.after().isZero()) {
                return outcome;
            }
        }
        throw new AssertionError("never waited");
    }

    private void requestDeletion() {
        environments
                .save(environments.findById(id).orElseThrow().requestDeletion(clock.instant()))
                .orElseThrow();
    }

    private EnvironmentStatus status() {
        return environments.findById(id).orElseThrow().status();
    }

    /** The types of the events of {@code key}; of the environment itself when null. */
    private List<EventType> eventTypesOf(ResourceKey key) {
        return events.list(id, EventQuery.after(0, 1000)).events().stream()
                .filter(e -> Objects.equals(key == null ? null : key.value(), e.resourceKey()))
                .map(e -> e.type())
                .toList();
    }

    private static ResourceNode node(ResourceKey key, ResourceKey... dependsOn) {
        return new ResourceNode(key, Layer.NETWORK, new Thing(key.value()), Set.of(dependsOn));
    }

    private static AwsServiceException awsError(int status, String code, String message) {
        return AwsServiceException.builder()
                .statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .build())
                .build();
    }

    /** A pretend AWS: things exist in a map; hooks inject faults around the calls. */
    static final class FakeCloud implements ResourceHandler<Thing> {
        final Map<ResourceKey, String> existing = new ConcurrentHashMap<>();
        final Map<ResourceKey, Integer> creates = new ConcurrentHashMap<>();
        final Map<ResourceKey, Readiness> readiness = new ConcurrentHashMap<>();
        /** What observe reports as differing from the spec, until an update. */
        final Map<ResourceKey, List<Difference>> differences = new ConcurrentHashMap<>();
        /** What the first look after an update sees (ready when absent); the looks after it see it ready. */
        final Map<ResourceKey, Readiness> readinessAfterUpdate = new ConcurrentHashMap<>();

        private final Map<ResourceKey, Readiness> nextLook = new ConcurrentHashMap<>();
        final Map<ResourceKey, Integer> updates = new ConcurrentHashMap<>();
        /** Whether an update gives the resource a new id, as a new revision. */
        volatile boolean updateMakesNewId;

        final List<ResourceKey> createOrder = Collections.synchronizedList(new ArrayList<>());
        final List<ResourceKey> deleteOrder = Collections.synchronizedList(new ArrayList<>());
        volatile java.util.function.Consumer<ResourceKey> beforeCreate = key -> {};
        volatile java.util.function.Consumer<ResourceKey> afterCreate = key -> {};
        volatile java.util.function.Consumer<ResourceKey> deleteFault = key -> {};
        volatile java.util.function.Consumer<ResourceKey> duringObserve = key -> {};
        /** Those AWS keeps listing as deleting after their delete, until removed from here. */
        final Set<ResourceKey> deletingSlowly = ConcurrentHashMap.newKeySet();
        /** What is in the way of deleting a key: for {@link #blockedLooks} looks, or for good when that is 0. */
        final Map<ResourceKey, DeleteBlocker> blockers = new ConcurrentHashMap<>();

        final java.util.concurrent.atomic.AtomicInteger blockedLooks = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public Class<Thing> desiredType() {
            return Thing.class;
        }

        @Override
        public ResourceKind kind() {
            return ResourceKind.of("Test::Thing");
        }

        /** Found "by tag": the key, whatever id was recorded. */
        @Override
        public Optional<Observation> observe(ResourceContext context, Thing desired) {
            duringObserve.accept(context.key());
            return Optional.ofNullable(existing.get(context.key()))
                    .map(physicalId -> new Observation(
                            physicalId,
                            Optional.ofNullable(nextLook.remove(context.key()))
                                    .orElse(readiness.getOrDefault(context.key(), Readiness.READY)),
                            differences.getOrDefault(context.key(), List.of())));
        }

        @Override
        public void update(ResourceContext context, Thing desired, Observation observed) {
            int n = updates.merge(context.key(), 1, Integer::sum);
            differences.remove(context.key());
            Optional.ofNullable(readinessAfterUpdate.get(context.key())).ifPresent(r -> nextLook.put(context.key(), r));
            if (updateMakesNewId) {
                existing.put(context.key(), observed.physicalId() + "-revision-" + n);
            }
        }

        @Override
        public boolean updateMakesNewId() {
            return updateMakesNewId;
        }

        @Override
        public String create(ResourceContext context, Thing desired) {
            context.dependencies()
                    .keySet()
                    .forEach(dependency -> assertThat(existing)
                            .as("%s created before %s", context.key(), dependency)
                            .containsKey(dependency));
            beforeCreate.accept(context.key());
            String physicalId = desired.name() + "-" + creates.merge(context.key(), 1, Integer::sum);
            existing.put(context.key(), physicalId);
            createOrder.add(context.key());
            afterCreate.accept(context.key());
            return physicalId;
        }

        @Override
        public Optional<DeleteBlocker> deleteBlockedBy(ResourceContext context, Thing desired, Observation observed) {
            DeleteBlocker blocker = blockers.get(context.key());
            if (blocker != null && blockedLooks.get() > 0 && blockedLooks.decrementAndGet() == 0) {
                blockers.remove(context.key());
            }
            return Optional.ofNullable(blocker);
        }

        @Override
        public void delete(ResourceContext context, Thing desired, Observation observed) {
            deleteFault.accept(context.key());
            if (!deleteOrder.contains(context.key())) {
                deleteOrder.add(context.key());
            }
            if (deletingSlowly.contains(context.key())) {
                readiness.put(context.key(), Readiness.pending("deleting", Duration.ofSeconds(30)));
                return;
            }
            existing.remove(context.key());
        }
    }
}
