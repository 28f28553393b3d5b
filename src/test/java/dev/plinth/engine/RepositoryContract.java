package dev.plinth.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.plinth.environment.Environment;
import dev.plinth.environment.EnvironmentRepository;
import dev.plinth.environment.EnvironmentRepository.PageMark;
import dev.plinth.environment.EnvironmentStatus;
import dev.plinth.environment.EventLog;
import dev.plinth.environment.EventQuery;
import dev.plinth.environment.EventType;
import dev.plinth.environment.Failure;
import dev.plinth.environment.ViewVersion;
import dev.plinth.spec.EnvironmentSpec;
import dev.plinth.spec.NatGatewayMode;
import dev.plinth.spec.NetworkSpec;
import dev.plinth.support.SqlTime;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every supported database must do for plinth: the one Flyway migration set, the repositories'
 * round trips, optimistic locking, the uniqueness rules, keyset paging, and db-scheduler running a
 * task. Each database has a subclass that supplies a fresh, empty database.
 */
abstract class RepositoryContract {

    private static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456Z");

    private final JsonMapper json = JsonMapper.builder().build();
    private DataSource dataSource;
    private EnvironmentRepository environments;
    private ResourceRepository resources;
    private EventLog events;
    private DriftRepository drifts;

    /** A fresh, empty database. */
    abstract DataSource newDatabase();

    /**
     * The database's plan for {@code query}, as text, made where a usable index is preferred to reading
     * the whole table (a table of a few rows is otherwise read whole, index or not).
     */
    abstract String plan(Connection connection, String query) throws SQLException;

    @BeforeEach
    void migrate() {
        dataSource = newDatabase();
        Flyway.configure().dataSource(dataSource).load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        environments = new EnvironmentRepository(jdbc, json);
        resources = new ResourceRepository(jdbc, json);
        events = new EventLog(jdbc, Clock.fixed(T0, ZoneOffset.UTC));
        drifts = new DriftRepository(jdbc, json);
    }

    @Test
    void anEnvironmentRoundTripsExactly() {
        Environment env = environment("round-trip", "key-1", T0);
        environments.insert(env);

        assertThat(environments.findById(env.id())).contains(env);
        assertThat(environments.findByIdempotencyKey(null, "key-1")).contains(env);
    }

    @Test
    void anIdempotencyKeyIsATeamsOwn() {
        Environment payments = environment("payments-env", "payments", "shared-key", T0);
        Environment search = environment("search-env", "search", "shared-key", T0);
        environments.insert(payments);
        environments.insert(search);

        assertThat(environments.findByIdempotencyKey("payments", "shared-key")).contains(payments);
        assertThat(environments.findByIdempotencyKey("search", "shared-key")).contains(search);
        assertThat(environments.findByIdempotencyKey(null, "shared-key")).isEmpty();
        assertThat(environments.findByIdempotencyKey("other", "shared-key")).isEmpty();
        assertThat(environments.findById(search.id()).orElseThrow().team()).isEqualTo("search");
    }

    @Test
    void aChangeSavedFromAStaleVersionIsRefused() {
        Environment env = environment("stale", null, T0);
        environments.insert(env);

        Environment saved =
                environments.save(env.startProvisioning(T0.plusSeconds(1))).orElseThrow();
        assertThat(saved.version()).isEqualTo(1);
        assertThat(saved.status()).isEqualTo(EnvironmentStatus.PROVISIONING);
        assertThat(environments.save(env.failed(new Failure("vpc", "X", "stale"), T0.plusSeconds(2))))
                .isEmpty();
        assertThat(environments.findById(env.id()).orElseThrow().status()).isEqualTo(EnvironmentStatus.PROVISIONING);
    }

    @Test
    void aChangedSpecIsSavedWithANewRevisionAndStatusMovesKeepIt() {
        Environment env = environment("changed-spec", null, T0);
        environments.insert(env);
        Environment provisioning =
                environments.save(env.startProvisioning(T0.plusSeconds(1))).orElseThrow();
        Environment ready =
                environments.save(provisioning.ready(T0.plusSeconds(2))).orElseThrow();
        assertThat(ready.version()).isEqualTo(2);
        assertThat(ready.etag()).as("status moves are not changes of the spec").isEqualTo(env.etag());
        var wider = new EnvironmentSpec(
                "changed-spec",
                "eu-central-1",
                Map.of("team", "checkout"),
                new NetworkSpec("10.0.0.0/16", 2, NatGatewayMode.PER_AZ));

        Environment changed =
                environments.save(ready.update(wider, null, T0.plusSeconds(3))).orElseThrow();

        assertThat(changed.spec()).isEqualTo(wider);
        assertThat(changed.retiredSpec()).isNull();
        assertThat(changed.status()).isEqualTo(EnvironmentStatus.PROVISIONING);
        assertThat(changed.version()).isEqualTo(3);
        assertThat(changed.etag()).isEqualTo("\"2\"").isNotEqualTo(ready.etag());
        assertThat(environments
                        .save(changed.ready(T0.plusSeconds(4)))
                        .orElseThrow()
                        .etag())
                .isEqualTo(changed.etag());
        assertThat(environments.findById(env.id()).orElseThrow().spec().tags()).containsEntry("team", "checkout");
    }

    @Test
    void aSpecThatDescribesRemovedResourcesIsKeptUntilReady() {
        Environment env = environment("retired-spec", null, T0);
        environments.insert(env);
        Environment provisioning =
                environments.save(env.startProvisioning(T0.plusSeconds(1))).orElseThrow();
        Environment ready =
                environments.save(provisioning.ready(T0.plusSeconds(2))).orElseThrow();
        var narrower = new EnvironmentSpec(
                "retired-spec", "eu-central-1", Map.of(), new NetworkSpec("10.0.0.0/16", 2, NatGatewayMode.NONE));

        Environment changed = environments
                .save(ready.update(narrower, ready.spec(), T0.plusSeconds(3)))
                .orElseThrow();
        assertThat(environments.findById(env.id()).orElseThrow().retiredSpec())
                .isEqualTo(ready.spec())
                .isNotNull();

        environments.save(changed.ready(T0.plusSeconds(4))).orElseThrow();
        assertThat(environments.findById(env.id()).orElseThrow().retiredSpec()).isNull();
    }

    @Test
    void aDriftCheckIsAskedForOnlyOfAReadyEnvironmentAnsweredOnceAndLeavesTheVersionAlone() {
        Environment env = environment("drift-checked", null, T0);
        environments.insert(env);
        assertThat(drifts.request(env.id(), false, T0)).as("not READY").isFalse();
        Environment provisioning =
                environments.save(env.startProvisioning(T0.plusSeconds(1))).orElseThrow();
        Environment ready =
                environments.save(provisioning.ready(T0.plusSeconds(2))).orElseThrow();
        assertThat(drifts.uncheckedReady()).contains(new DriftRepository.Unchecked(env.id(), null));

        assertThat(drifts.request(env.id(), true, T0.plusSeconds(3))).isTrue();
        assertThat(drifts.request(env.id(), false, T0.plusSeconds(4))).isTrue();
        assertThat(drifts.pending(env.id())).contains(new DriftRepository.Request(T0.plusSeconds(3), true));
        assertThat(drifts.uncheckedReady())
                .extracting(DriftRepository.Unchecked::environmentId)
                .doesNotContain(env.id());

        assertThat(drifts.pendingIds()).contains(env.id());
        var found = List.of(new Drift("service", "AWS::ECS::Service", "desiredCount", "2", "5"));
        drifts.save(env.id(), true, T0.plusSeconds(5), found);

        assertThat(drifts.pending(env.id())).isEmpty();
        assertThat(drifts.uncheckedReady()).contains(new DriftRepository.Unchecked(env.id(), T0.plusSeconds(5)));
        assertThat(drifts.report(env.id())).contains(new DriftRepository.Report(T0.plusSeconds(5), found));
        assertThat(environments.findById(env.id()).orElseThrow().etag())
                .as("a check is not a change")
                .isEqualTo(ready.etag());
        assertThat(drifts.pendingIds()).doesNotContain(env.id());
        drifts.request(env.id(), false, T0.plusSeconds(6));
        drifts.dismiss(env.id(), false);
        assertThat(drifts.pending(env.id())).isEmpty();
        assertThat(drifts.report(env.id()).orElseThrow().checkedAt()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void aRequestToRepairThatCameDuringACheckOnlyToReportStaysPending() {
        Environment env = environment("drift-repair-asked", null, T0);
        environments.insert(env);
        environments
                .save(environments
                        .save(env.startProvisioning(T0.plusSeconds(1)))
                        .orElseThrow()
                        .ready(T0.plusSeconds(2)))
                .orElseThrow();
        drifts.request(env.id(), false, T0.plusSeconds(3));
        drifts.request(env.id(), true, T0.plusSeconds(4));

        drifts.save(env.id(), false, T0.plusSeconds(5), List.of());
        assertThat(drifts.pending(env.id())).contains(new DriftRepository.Request(T0.plusSeconds(3), true));
        drifts.dismiss(env.id(), false);
        assertThat(drifts.pending(env.id()))
                .as("a failed check does not drop it either")
                .contains(new DriftRepository.Request(T0.plusSeconds(3), true));

        drifts.save(env.id(), true, T0.plusSeconds(6), List.of());
        assertThat(drifts.pending(env.id())).isEmpty();
        drifts.request(env.id(), false, T0.plusSeconds(7));
        drifts.save(env.id(), false, T0.plusSeconds(8), List.of());
        assertThat(drifts.pending(env.id())).isEmpty();
    }

    @Test
    void aNameIsUniqueAmongLiveEnvironmentsOnly() {
        Environment first = environment("shared-name", null, T0);
        environments.insert(first);
        assertThat(environments.isNameTaken("shared-name")).isTrue();
        assertThatThrownBy(() -> environments.insert(environment("shared-name", null, T0.plusSeconds(1))))
                .isInstanceOf(DuplicateKeyException.class);

        Environment deleting =
                environments.save(first.requestDeletion(T0.plusSeconds(2))).orElseThrow();
        environments.save(deleting.deleted(T0.plusSeconds(3))).orElseThrow();

        assertThat(environments.isNameTaken("shared-name")).isFalse();
        environments.insert(environment("shared-name", null, T0.plusSeconds(4)));
        assertThat(environments.isNameTaken("shared-name")).isTrue();
    }

    @Test
    void anIdempotencyKeyIsUsedOnce() {
        environments.insert(environment("first", "same-key", T0));

        assertThatThrownBy(() -> environments.insert(environment("second", "same-key", T0)))
                .isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void listingPagesNewestFirstAndFilters() {
        for (int i = 0; i < 5; i++) {
            environments.insert(environment("env-" + i, "payments", null, T0.plusSeconds(i)));
        }
        environments.insert(environment("theirs", "search", null, T0.plusSeconds(9)));
        List<Environment> first = environments.list(Optional.of("payments"), null, null, null, 2);
        List<Environment> second = environments.list(Optional.of("payments"), null, null, mark(first.getLast()), 2);
        List<Environment> third = environments.list(Optional.of("payments"), null, null, mark(second.getLast()), 2);

        assertThat(first).extracting(Environment::name).containsExactly("env-4", "env-3");
        assertThat(second).extracting(Environment::name).containsExactly("env-2", "env-1");
        assertThat(third).extracting(Environment::name).containsExactly("env-0");
        assertThat(environments.list(Optional.of("payments"), EnvironmentStatus.PENDING, "env-3", null, 10))
                .extracting(Environment::name)
                .containsExactly("env-3");
        assertThat(environments.list(Optional.of("payments"), EnvironmentStatus.READY, null, null, 10))
                .isEmpty();
        assertThat(environments.list(Optional.empty(), null, null, null, 10))
                .extracting(Environment::name)
                .containsExactly("theirs", "env-4", "env-3", "env-2", "env-1", "env-0");
    }

    /** As {@code EnvironmentRepository.list} asks for a page filtered by name or by status. */
    @Test
    void aPageByNameOrByStatusIsReadFromAnIndexInPageOrder() throws SQLException {
        environments.insert(environment("indexed", null, T0));
        String page = " order by created_at desc, id desc limit 51";
        try (Connection connection = dataSource.getConnection()) {
            assertThat(plan(connection, "select id from environment where name = 'indexed'" + page))
                    .containsIgnoringCase("environment_name_idx");
            assertThat(plan(connection, "select id from environment where status = 'READY'" + page))
                    .containsIgnoringCase("environment_status_created_idx");
        }
    }

    /**
     * GET's ETag is made of the view's version: it must change with everything the view shows (status,
     * resource states, ids and attributes, the drift check) and with nothing else (looks and retry times).
     */
    @Test
    void theViewsVersionChangesWithWhatTheViewShowsAndOnlyWithThat() {
        Environment env = environment("viewed", null, T0);
        environments.insert(env);
        ResourceKey vpc = ResourceKey.of("vpc");
        var seen = new ArrayList<ViewVersion>();
        Runnable look =
                () -> seen.add(environments.findViewed(env.id()).orElseThrow().view());

        look.run();
        resources.insertCreating(env.id(), vpc, "AWS::EC2::VPC", T0);
        look.run();
        resources.markExists(env.id(), vpc, "vpc-1", T0.plusSeconds(1));
        look.run();
        resources.recordAttributes(env.id(), vpc, Map.of("arn", "arn:aws:ec2:vpc/vpc-1"));
        look.run();
        resources.markReady(env.id(), vpc, Map.of("arn", "arn:aws:ec2:vpc/vpc-1"), T0.plusSeconds(2));
        look.run();
        environments.save(env.startProvisioning(T0.plusSeconds(3)));
        look.run();
        drifts.save(env.id(), false, T0.plusSeconds(4), List.of());
        look.run();
        assertThat(seen).as("each change of the view").doesNotHaveDuplicates();

        ViewVersion before = seen.getLast();
        resources.checkAgainAt(env.id(), vpc, T0.plusSeconds(5));
        resources.waitFor(env.id(), vpc, "still pending", T0.plusSeconds(6));
        resources.retryAt(env.id(), vpc, 1, "Throttling", T0.plusSeconds(7));
        assertThat(environments.findViewed(env.id()).orElseThrow().view())
                .as("looks and retry times are not in the view")
                .isEqualTo(before);
    }

    @Test
    void resourceRecordsKeepIntentIdsAttributesAndRetries() {
        Environment env = environment("resources", null, T0);
        environments.insert(env);
        ResourceKey vpc = ResourceKey.of("vpc");
        ResourceKey subnet = ResourceKey.of("subnet", "public", "eu-central-1a");

        resources.insertCreating(env.id(), vpc, "AWS::EC2::VPC", T0);
        assertThat(resources.byKey(env.id()).get(vpc).state()).isEqualTo(ResourceState.CREATING);
        resources.markExists(env.id(), vpc, "vpc-123", T0.plusSeconds(1));
        resources.waitFor(env.id(), vpc, "VPC pending", T0.plusSeconds(5));
        assertThat(resources.byKey(env.id()).get(vpc)).satisfies(r -> {
            assertThat(r.waitingFor()).isEqualTo("VPC pending");
            assertThat(r.nextAttemptAt()).isEqualTo(T0.plusSeconds(5));
        });
        resources.markReady(env.id(), vpc, Map.of("arn", "arn:aws:ec2:vpc/vpc-123"), T0.plusSeconds(2));
        resources.insertCreating(env.id(), subnet, "AWS::EC2::Subnet", T0.plusSeconds(3));
        resources.retryAt(env.id(), subnet, 2, "Throttling: slow down", T0.plusSeconds(9));
        resources.markFailed(env.id(), subnet, "gave up", T0.plusSeconds(10));

        Map<ResourceKey, ResourceRecord> records = resources.byKey(env.id());
        assertThat(records.get(vpc)).satisfies(r -> {
            assertThat(r.state()).isEqualTo(ResourceState.READY);
            assertThat(r.physicalId()).isEqualTo("vpc-123");
            assertThat(r.attributes()).containsExactly(Map.entry("arn", "arn:aws:ec2:vpc/vpc-123"));
            assertThat(r.waitingSince()).isEqualTo(T0.plusSeconds(1));
            assertThat(r.createdAt()).isEqualTo(T0);
            assertThat(r.waitingFor()).as("ready: it waits for nothing").isNull();
        });
        assertThat(records.get(subnet)).satisfies(r -> {
            assertThat(r.state()).isEqualTo(ResourceState.FAILED);
            assertThat(r.attempts()).isEqualTo(2);
            assertThat(r.lastError()).isEqualTo("gave up");
        });

        assertThat(resources.reopenFailed(env.id(), T0.plusSeconds(20))).isEqualTo(1);
        assertThat(resources.byKey(env.id()).get(subnet).state())
                .as("no id yet: created again")
                .isEqualTo(ResourceState.CREATING);

        resources.markDeleting(env.id(), vpc, T0.plusSeconds(30));
        resources.markDeleted(env.id(), vpc, T0.plusSeconds(31));
        assertThat(resources.byKey(env.id()).get(vpc).state()).isEqualTo(ResourceState.DELETED);
    }

    @Test
    void aResourceCreatedAgainIsIntendedAnewAndAnotherAttemptKeepsItsFirstIntent() {
        Environment env = environment("recreated", null, T0);
        environments.insert(env);
        ResourceKey vpc = ResourceKey.of("vpc");
        ResourceKey subnet = ResourceKey.of("subnet", "public", "eu-central-1a");
        resources.insertCreating(env.id(), vpc, "AWS::EC2::VPC", T0);
        resources.insertCreating(env.id(), subnet, "AWS::EC2::Subnet", T0);
        resources.markExists(env.id(), vpc, "vpc-123", T0.plusSeconds(1));

        resources.markCreating(env.id(), vpc, T0.plusSeconds(60));
        resources.markCreating(env.id(), subnet, T0.plusSeconds(60));

        Map<ResourceKey, ResourceRecord> records = resources.byKey(env.id());
        assertThat(records.get(vpc).createdAt())
                .as("vpc-123 is gone: created again")
                .isEqualTo(T0.plusSeconds(60));
        assertThat(records.get(vpc).physicalId()).isNull();
        assertThat(records.get(subnet).createdAt()).as("another attempt").isEqualTo(T0);
    }

    @Test
    void theTimelineIsAppendOnlyInOrder() {
        Environment env = environment("timeline", null, T0);
        environments.insert(env);
        events.append(env.id(), EventType.ACCEPTED, "accepted");
        events.appendResourceEvent(
                env.id(), EventType.CREATE_FINISHED, "vpc", "AWS::EC2::VPC", "vpc-1 is ready", Duration.ofMillis(1500));

        var all = events.list(env.id(), EventQuery.after(0, 10)).events();
        assertThat(all).extracting(e -> e.type()).containsExactly(EventType.ACCEPTED, EventType.CREATE_FINISHED);
        assertThat(all.getLast().duration()).isEqualTo(Duration.ofMillis(1500));
        assertThat(all.getLast().at()).isEqualTo(T0);
        assertThat(events.list(env.id(), EventQuery.after(all.getFirst().id(), 10))
                        .events())
                .hasSize(1);
    }

    @Test
    void theTimelineReadsInPagesOfOneResourceAndOfSomeTypes() {
        Environment env = environment("filtered", null, T0);
        environments.insert(env);
        events.append(env.id(), EventType.ACCEPTED, "accepted");
        events.appendResourceEvent(env.id(), EventType.CREATE_STARTED, "vpc", "AWS::EC2::VPC", "creating", null);
        events.appendResourceEvent(env.id(), EventType.CREATE_STARTED, "subnet", "AWS::EC2::Subnet", "creating", null);
        events.appendResourceEvent(env.id(), EventType.CREATE_FINISHED, "vpc", "AWS::EC2::VPC", "vpc-1 is ready", null);
        events.appendResourceEvent(
                env.id(), EventType.CREATE_FINISHED, "subnet", "AWS::EC2::Subnet", "subnet-1 is ready", null);
        events.append(env.id(), EventType.READY, "ready");

        var first = events.list(env.id(), EventQuery.after(0, 4));
        assertThat(first.events()).hasSize(4);
        assertThat(first.more()).isTrue();
        var second =
                events.list(env.id(), EventQuery.after(first.events().getLast().id(), 4));
        assertThat(second.events())
                .extracting(e -> e.type())
                .containsExactly(EventType.CREATE_FINISHED, EventType.READY);
        assertThat(second.more()).isFalse();
        assertThat(events.list(env.id(), EventQuery.after(0, 6)).more())
                .as("exactly the last one")
                .isFalse();

        var vpc = events.list(env.id(), new EventQuery(0, "vpc", Set.of(), 10)).events();
        assertThat(vpc).extracting(e -> e.type()).containsExactly(EventType.CREATE_STARTED, EventType.CREATE_FINISHED);
        var finished =
                events.list(env.id(), new EventQuery(0, null, Set.of(EventType.CREATE_FINISHED, EventType.READY), 2));
        assertThat(finished.events()).extracting(e -> e.resourceKey()).containsExactly("vpc", "subnet");
        assertThat(finished.more()).isTrue();
        assertThat(events.list(env.id(), new EventQuery(0, "subnet", Set.of(EventType.CREATE_FINISHED), 10))
                        .events())
                .extracting(e -> e.message())
                .containsExactly("subnet-1 is ready");
    }

    @Test
    void environmentsAreCountedByStatus() {
        environments.insert(environment("pending", null, T0));
        Environment started = environment("started", null, T0);
        environments.insert(started);
        environments.save(started.startProvisioning(T0.plusSeconds(1))).orElseThrow();
        Environment other = environment("other", null, T0);
        environments.insert(other);
        environments.save(other.startProvisioning(T0.plusSeconds(1))).orElseThrow();

        assertThat(environments.countByStatus())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(EnvironmentStatus.PENDING, 1L, EnvironmentStatus.PROVISIONING, 2L));
    }

    @Test
    void theBacklogIsTheReconcileExecutionsDueAndNotPickedAndTheLagTheWaitOfTheOldest() {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        String reconcile = EngineScheduler.RECONCILE.getTaskName();
        scheduledTask(jdbc, reconcile, "due", T0.minusSeconds(30), false);
        scheduledTask(jdbc, reconcile, "due-later", T0.minusSeconds(10), false);
        scheduledTask(jdbc, reconcile, "picked", T0.minusSeconds(90), true);
        scheduledTask(jdbc, reconcile, "not-due", T0.plusSeconds(60), false);
        scheduledTask(jdbc, EngineScheduler.SWEEP, "recurring", T0.minusSeconds(120), false);
        var backlog = new ReconcileBacklog(jdbc);

        assertThat(backlog.at(T0)).isEqualTo(new ReconcileBacklog.Snapshot(2, Duration.ofSeconds(30)));
        assertThat(backlog.at(T0.minusSeconds(60)))
                .as("nothing due yet")
                .isEqualTo(new ReconcileBacklog.Snapshot(0, Duration.ZERO));
    }

    @Test
    void theLatestEventOfSomeTypesIsFound() {
        Environment env = environment("latest", null, T0);
        environments.insert(env);
        events.append(env.id(), EventType.PROVISIONING_STARTED, "started");
        events.appendResourceEvent(env.id(), EventType.CREATE_STARTED, "vpc", "AWS::EC2::VPC", "creating", null);
        events.appendResourceEvent(
                env.id(), EventType.CREATE_STARTED, "subnet/a", "AWS::EC2::Subnet", "creating", null);
        events.appendResourceEvent(env.id(), EventType.UPDATED, "vpc", "AWS::EC2::VPC", "changed", null);
        events.append(env.id(), EventType.SPEC_CHANGED, "changed");

        assertThat(events.latest(env.id(), Set.of(EventType.PROVISIONING_STARTED, EventType.SPEC_CHANGED)))
                .map(e -> e.type())
                .contains(EventType.SPEC_CHANGED);
        assertThat(events.latest(env.id(), Set.of(EventType.READY))).isEmpty();
    }

    @Test
    void dbSchedulerRunsATaskScheduledThroughItsTable() throws InterruptedException {
        var ran = new CountDownLatch(1);
        OneTimeTask<Void> task = Tasks.oneTime("contract-check").execute((instance, context) -> ran.countDown());
        Scheduler scheduler = Scheduler.create(dataSource, task)
                .pollingInterval(Duration.ofMillis(100))
                .threads(1)
                .build();
        scheduler.start();
        try {
            scheduler.schedule(task.instance("once"), Instant.now());
            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            scheduler.stop();
        }
    }

    private static void scheduledTask(JdbcClient jdbc, String task, String instance, Instant at, boolean picked) {
        jdbc.sql("insert into scheduled_tasks (task_name, task_instance, execution_time, picked, version) "
                        + "values (?, ?, ?, ?, 1)")
                .params(task, instance, SqlTime.param(at), picked)
                .update();
    }

    private static Environment environment(String name, String key, Instant at) {
        return environment(name, null, key, at);
    }

    private static Environment environment(String name, String team, String key, Instant at) {
        var spec = new EnvironmentSpec(
                name,
                "eu-central-1",
                Map.of("team", "payments"),
                new NetworkSpec("10.0.0.0/16", 2, NatGatewayMode.SINGLE));
        return Environment.accept(
                UUID.randomUUID().toString(),
                team,
                spec,
                List.of("eu-central-1a", "eu-central-1b"),
                key,
                "hash-" + name,
                at.truncatedTo(ChronoUnit.MICROS));
    }

    private static PageMark mark(Environment env) {
        return new PageMark(env.createdAt(), env.id());
    }
}
