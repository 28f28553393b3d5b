package dev.plinth.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Set;

/**
 * Only the resource journal changes a resource's record or writes a resource's event: the writing
 * methods of ResourceRepository and EventLog's resource events are called by it alone (TableWritersTest:
 * no other class writes their tables). The environment's own events stay with the classes that make
 * those changes.
 */
@AnalyzeClasses(packages = "dev.plinth", importOptions = ImportOption.DoNotIncludeTests.class)
class ResourceJournalTest {

    private static final String RESOURCES = "dev.plinth.engine.ResourceRepository";
    private static final String EVENTS = "dev.plinth.environment.EventLog";

    private static final String JOURNAL = "dev.plinth.engine.ResourceJournal";

    /** Every method of the resource records but the reads. */
    @ArchTest
    static final ArchRule resourceRecordsChangedOnlyByTheJournal = methods()
            .that()
            .areDeclaredInClassesThat()
            .haveFullyQualifiedName(RESOURCES)
            .and()
            .doNotHaveName("byKey")
            .and()
            .doNotHaveName("stateOf")
            .and()
            .areNotPrivate()
            .should()
            .onlyBeCalled()
            .byClassesThat(are(RESOURCES, JOURNAL));

    @ArchTest
    static final ArchRule resourceEventsWrittenOnlyByTheJournal = methods()
            .that()
            .areDeclaredInClassesThat()
            .haveFullyQualifiedName(EVENTS)
            .and()
            .haveName("appendResourceEvent")
            .should()
            .onlyBeCalled()
            .byClassesThat(are(EVENTS, JOURNAL));

    /** The environment's events: by the lifecycle's commands and the engine's outcomes and drift checks. */
    @ArchTest
    static final ArchRule environmentEventsAppendedOnlyByTheLifecycle = methods()
            .that()
            .areDeclaredInClassesThat()
            .haveFullyQualifiedName(EVENTS)
            .and()
            .haveNameMatching("append|appendOutcome")
            .should()
            .onlyBeCalled()
            .byClassesThat(are(
                    EVENTS,
                    "dev.plinth.engine.EnvironmentOutcomes",
                    "dev.plinth.engine.DriftPass",
                    "dev.plinth.lifecycle.Updates",
                    "dev.plinth.lifecycle.Retries",
                    "dev.plinth.engine.DriftCheck",
                    "dev.plinth.lifecycle.EnvironmentService"));

    /** SQL only in the repositories (and the scheduler, which hands its data source to db-scheduler). */
    @ArchTest
    static final ArchRule sqlOnlyInTodaysRepositories = noClasses()
            .that(are(
                            RESOURCES,
                            EVENTS,
                            "dev.plinth.environment.EnvironmentRepository",
                            "dev.plinth.engine.DriftRepository",
                            "dev.plinth.engine.ReconcileBacklog",
                            "dev.plinth.engine.EngineScheduler",
                            "dev.plinth.security.AuditLog",
                            "dev.plinth.security.ApiTokenRepository")
                    .negate()
                    .as("are not today's repositories"))
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework.jdbc..", "javax.sql..");

    /** The named classes and the classes nested in them. */
    private static DescribedPredicate<JavaClass> are(String... names) {
        Set<String> allowed = Set.of(names);
        return DescribedPredicate.describe(
                "are one of " + List.of(names),
                type -> allowed.contains(type.getName().replaceFirst("\\$.*", "")));
    }
}
