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
 * Who changes a resource's state and the environment's timeline: the classes allowed to call the
 * writing methods of ResourceRepository and EventLog, listed as they are today, for a resource journal
 * to shrink to one (TableWritersTest: no other class writes their tables).
 */
@AnalyzeClasses(packages = "dev.plinth", importOptions = ImportOption.DoNotIncludeTests.class)
class ResourceJournalTest {

    private static final String RESOURCES = "dev.plinth.engine.ResourceRepository";
    private static final String EVENTS = "dev.plinth.environment.EventLog";

    /** Every method of the resource records but the read. */
    @ArchTest
    static final ArchRule resourceRecordsChangedOnlyByTodaysCallers = methods()
            .that()
            .areDeclaredInClassesThat()
            .haveFullyQualifiedName(RESOURCES)
            .and()
            .doNotHaveName("byKey")
            .and()
            .areNotPrivate()
            .should()
            .onlyBeCalled()
            .byClassesThat(are(
                    RESOURCES,
                    "dev.plinth.engine.Reconciler",
                    "dev.plinth.engine.Updates",
                    "dev.plinth.engine.Retries"));

    @ArchTest
    static final ArchRule eventsAppendedOnlyByTodaysCallers = methods()
            .that()
            .areDeclaredInClassesThat()
            .haveFullyQualifiedName(EVENTS)
            .and()
            .haveName("append")
            .should()
            .onlyBeCalled()
            .byClassesThat(are(
                    EVENTS,
                    "dev.plinth.engine.Reconciler",
                    "dev.plinth.engine.Updates",
                    "dev.plinth.engine.Retries",
                    "dev.plinth.engine.DriftCheck",
                    "dev.plinth.environment.EnvironmentService"));

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
