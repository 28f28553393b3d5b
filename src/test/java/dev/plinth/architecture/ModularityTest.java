package dev.plinth.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The packages of plinth and the dependencies allowed between them, as they are (see
 * docs/architecture-baseline.md). Each layer names every layer it may use: a new edge fails here, and
 * is added on purpose or not at all. A new package fails too until it is given a layer.
 */
@AnalyzeClasses(packages = "dev.plinth", importOptions = ImportOption.DoNotIncludeTests.class)
class ModularityTest {

    @ArchTest
    static final ArchRule allowedDependencies = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .ensureAllClassesAreContainedInArchitecture()
            .layer("application")
            .definedBy("dev.plinth")
            .layer("api")
            .definedBy("dev.plinth.api..")
            .layer("security")
            .definedBy("dev.plinth.security..")
            .layer("environment")
            .definedBy("dev.plinth.environment..")
            .layer("spec")
            .definedBy("dev.plinth.spec..")
            .layer("lifecycle")
            .definedBy("dev.plinth.lifecycle..")
            .layer("engine")
            .definedBy("dev.plinth.engine..")
            .layer("cost")
            .definedBy("dev.plinth.cost..")
            .layer("presets")
            .definedBy("dev.plinth.presets..")
            .layer("support")
            .definedBy("dev.plinth.support..")
            // the AWS side: shared clients, errors and the graph planner, then one package per layer
            .layer("aws")
            .definedBy("dev.plinth.aws")
            .layer("aws.network")
            .definedBy("dev.plinth.aws.network..")
            .layer("aws.iam")
            .definedBy("dev.plinth.aws.iam..")
            .layer("aws.database")
            .definedBy("dev.plinth.aws.database..")
            .layer("aws.storage")
            .definedBy("dev.plinth.aws.storage..")
            .layer("aws.loadbalancer")
            .definedBy("dev.plinth.aws.loadbalancer..")
            .layer("aws.compute")
            .definedBy("dev.plinth.aws.compute..")
            .layer("aws.edge")
            .definedBy("dev.plinth.aws.edge..")
            .layer("aws.alarms")
            .definedBy("dev.plinth.aws.alarms..")
            .layer("aws.orphans")
            .definedBy("dev.plinth.aws.orphans..")
            .layer("aws.preflight")
            .definedBy("dev.plinth.aws.preflight..")
            .whereLayer("application")
            .mayNotAccessAnyLayer()
            .whereLayer("api")
            .mayOnlyAccessLayers(
                    "security",
                    "lifecycle",
                    "environment",
                    "spec",
                    "engine",
                    "presets",
                    "aws.orphans",
                    "aws.preflight",
                    "support")
            .whereLayer("security")
            .mayOnlyAccessLayers("environment", "spec", "support")
            .whereLayer("environment")
            .mayOnlyAccessLayers("spec", "support")
            // the commands (create, plan, update, retry, delete, restore, reconcile) over the engine
            .whereLayer("lifecycle")
            .mayOnlyAccessLayers("engine", "environment", "spec", "cost", "support")
            .whereLayer("engine")
            .mayOnlyAccessLayers("environment", "spec", "support")
            .whereLayer("cost")
            .mayOnlyAccessLayers("environment", "spec")
            .whereLayer("presets")
            .mayOnlyAccessLayers("environment", "spec", "support")
            .whereLayer("support")
            .mayNotAccessAnyLayer()
            // the spec: its records and their validation rules, what every other room reads
            .whereLayer("spec")
            .mayOnlyAccessLayers("support")
            // NOTE: aws and its layer packages use each other (a cycle, frozen here): the graph planner in
            // aws composes the layers, and the layers use aws's clients and errors
            .whereLayer("aws")
            .mayOnlyAccessLayers(
                    "engine",
                    "environment",
                    "spec",
                    "aws.network",
                    "aws.database",
                    "aws.storage",
                    "aws.loadbalancer",
                    "aws.compute",
                    "aws.edge",
                    "aws.alarms")
            .whereLayer("aws.network")
            .mayOnlyAccessLayers("engine", "environment", "spec", "aws")
            .whereLayer("aws.iam")
            .mayOnlyAccessLayers("engine", "aws")
            .whereLayer("aws.database")
            .mayOnlyAccessLayers("engine", "environment", "spec", "aws", "aws.network", "aws.iam")
            .whereLayer("aws.storage")
            .mayOnlyAccessLayers("engine", "environment", "spec", "aws", "aws.network")
            .whereLayer("aws.loadbalancer")
            .mayOnlyAccessLayers("engine", "environment", "spec", "aws", "aws.network")
            .whereLayer("aws.compute")
            .mayOnlyAccessLayers(
                    "engine",
                    "environment",
                    "spec",
                    "aws",
                    "aws.network",
                    "aws.iam",
                    "aws.database",
                    "aws.storage",
                    "aws.loadbalancer")
            .whereLayer("aws.edge")
            .mayOnlyAccessLayers("engine", "environment", "spec", "aws", "aws.loadbalancer")
            .whereLayer("aws.alarms")
            .mayOnlyAccessLayers(
                    "engine", "environment", "spec", "aws", "aws.database", "aws.loadbalancer", "aws.compute")
            .whereLayer("aws.orphans")
            .mayOnlyAccessLayers("engine", "environment", "spec", "aws")
            .whereLayer("aws.preflight")
            .mayOnlyAccessLayers("engine", "environment", "spec", "aws", "aws.network", "aws.iam");

    /** No cycle between the top-level packages (all of aws is one). */
    @ArchTest
    static final ArchRule noCyclesBetweenTopLevelPackages =
            slices().matching("dev.plinth.(*)..").should().beFreeOfCycles();

    /** No cycle between aws's layer packages (the classes of aws itself are outside these slices). */
    @ArchTest
    static final ArchRule noCyclesBetweenAwsLayers =
            slices().matching("dev.plinth.aws.(*)..").should().beFreeOfCycles();
}
