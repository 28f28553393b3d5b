package dev.plinth.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.environment.Environment;
import dev.plinth.environment.EnvironmentEvent;
import dev.plinth.environment.EnvironmentRepository;
import dev.plinth.environment.EventLog;
import dev.plinth.environment.EventQuery;
import dev.plinth.environment.EventType;
import dev.plinth.spec.EnvironmentSpec;
import dev.plinth.spec.NatGatewayMode;
import dev.plinth.spec.NetworkSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The resource journal against a real (in-memory) database: each transition moves the record only
 * from a state the lifecycle allows, and writes the record and its event together or neither.
 */
class ResourceJournalTransitionsTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final ResourceKey VPC = ResourceKey.of("vpc");
    private static final ResourceKind KIND = ResourceKind.of("AWS::EC2::VPC");

    private ResourceRepository resources;
    private EventLog events;
    private ResourceJournal journal;
    private String id;

    @BeforeEach
    void setUp() {
        var dataSource = new SimpleDriverDataSource(
                new org.h2.Driver(),
                "jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        JsonMapper json = JsonMapper.builder().build();
        resources = new ResourceRepository(jdbc, json);
        events = new EventLog(jdbc, Clock.fixed(T0, ZoneOffset.UTC));
        journal = new ResourceJournal(
                resources, events, new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
        id = UUID.randomUUID().toString();
        new EnvironmentRepository(jdbc, json)
                .insert(Environment.accept(
                        id,
                        null,
                        new EnvironmentSpec(
                                "test",
                                "eu-central-1",
                                Map.of(),
                                new NetworkSpec("10.0.0.0/16", 1, NatGatewayMode.NONE)),
                        List.of("eu-central-1a"),
                        null,
                        "h",
                        T0));
    }

    @Test
    void aResourceGoesFromIntentToReadyToGoneWithAnEventAtEachStep() {
        journal.createStarted(id, VPC, KIND, null, T0);
        journal.created(id, VPC, "vpc-1", T0.plusSeconds(1));
        journal.ready(id, VPC, KIND, ResourceState.WAITING, ready("vpc-1"), Duration.ofSeconds(2), T0.plusSeconds(2));
        journal.deleteStarted(id, VPC, KIND, "deleting vpc-1", T0.plusSeconds(3));
        journal.deleted(id, VPC, KIND, "vpc-1 is gone", Duration.ofSeconds(1), T0.plusSeconds(4));

        assertThat(state()).isEqualTo(ResourceState.DELETED);
        assertThat(eventTypes())
                .containsExactly(
                        EventType.CREATE_STARTED,
                        EventType.CREATE_FINISHED,
                        EventType.DELETE_STARTED,
                        EventType.DELETE_FINISHED);
    }

    @Test
    void aTransitionFromAStateTheLifecycleDoesNotAllowChangesNothingAndWritesNoEvent() {
        journal.createStarted(id, VPC, KIND, null, T0);
        journal.created(id, VPC, "vpc-1", T0.plusSeconds(1));
        journal.deleteStarted(id, VPC, KIND, "deleting vpc-1", T0.plusSeconds(2));
        journal.deleted(id, VPC, KIND, "vpc-1 is gone", null, T0.plusSeconds(3));
        List<EventType> before = eventTypes();

        // a deleted resource is never ready, never deleted twice, and an update starts only from a check
        assertThatThrownBy(() ->
                        journal.ready(id, VPC, KIND, ResourceState.WAITING, ready("vpc-1"), null, T0.plusSeconds(4)))
                .isInstanceOf(ResourceJournal.IllegalTransitionException.class)
                .hasMessage("resource vpc cannot become READY from DELETED");
        assertThatThrownBy(() -> journal.deleted(id, VPC, KIND, "again", null, T0.plusSeconds(4)))
                .isInstanceOf(ResourceJournal.IllegalTransitionException.class);
        assertThatThrownBy(() -> journal.deleteStarted(id, VPC, KIND, "again", T0.plusSeconds(4)))
                .isInstanceOf(ResourceJournal.IllegalTransitionException.class);

        assertThat(state()).isEqualTo(ResourceState.DELETED);
        assertThat(eventTypes())
                .as("the refused transitions' events were rolled back")
                .isEqualTo(before);
    }

    @Test
    void anUpdateStartsOnlyFromACheckAndAFailureOfOneThatWasReadyIsAnUpdatesFailure() {
        journal.createStarted(id, VPC, KIND, null, T0);
        journal.created(id, VPC, "vpc-1", T0.plusSeconds(1));
        journal.ready(id, VPC, KIND, ResourceState.WAITING, ready("vpc-1"), null, T0.plusSeconds(2));
        assertThat(journal.reopenForChange(id, T0.plusSeconds(3))).isEqualTo(1);
        assertThat(state()).isEqualTo(ResourceState.CHECKING);

        journal.updateStarted(id, VPC, KIND, ResourceState.CHECKING, "changing vpc-1", T0.plusSeconds(4));
        assertThat(state()).isEqualTo(ResourceState.UPDATING);
        assertThatThrownBy(() -> journal.updateStarted(
                        id, VPC, KIND, ResourceState.CHECKING, "changing vpc-1", T0.plusSeconds(5)))
                .as("UPDATING again from UPDATING")
                .isInstanceOf(ResourceJournal.IllegalTransitionException.class);

        journal.failed(id, VPC, KIND, ResourceState.UPDATING, "gave up", T0.plusSeconds(6));
        assertThat(state()).isEqualTo(ResourceState.FAILED);
        assertThat(eventTypes().getLast()).isEqualTo(EventType.UPDATE_FAILED);
    }

    @Test
    void everyStateButPlannedIsReachableNothingLeavesRetainedAndDeletedOnlyToBeMadeAgain() {
        for (ResourceState target : ResourceState.values()) {
            assertThat(target == ResourceState.PLANNED || !target.legalSources().isEmpty())
                    .as(target + " is reachable")
                    .isTrue();
            assertThat(target.legalSources())
                    .as("nothing comes back from RETAINED")
                    .doesNotContain(ResourceState.RETAINED);
        }
        assertThat(EnumSet.allOf(ResourceState.class).stream()
                        .filter(s -> s.legalSources().contains(ResourceState.DELETED)))
                .containsExactlyInAnyOrder(ResourceState.CREATING, ResourceState.WAITING, ResourceState.FAILED);
    }

    private static Observation ready(String physicalId) {
        return new Observation(physicalId, Readiness.READY, List.of(), Map.of("id", physicalId));
    }

    private ResourceState state() {
        return resources.byKey(id).get(VPC).state();
    }

    private List<EventType> eventTypes() {
        return events.list(id, EventQuery.after(0, 100)).events().stream()
                .map(EnvironmentEvent::type)
                .toList();
    }
}
