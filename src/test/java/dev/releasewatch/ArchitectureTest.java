package dev.releasewatch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package structure the README describes, checked on the compiled main classes: imports flow one way, {@code cli →
 * (evaluate, scenario) → app → (topology, produce, http, alert) → kafka → config → (detect, feed) → contract}, no
 * package cycle, and the detector is pure Java. A new import that breaks the direction fails the build here, naming the
 * offending class and dependency.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.releasewatch");
    }

    @Test
    void shouldHaveNoCyclesBetweenPackages() {
        slices().matching("dev.releasewatch.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void shouldImportOnlyDownwardThroughTheLayers() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("Cli")
                .definedBy("dev.releasewatch.cli..")
                .layer("Tools")
                .definedBy("dev.releasewatch.evaluate..", "dev.releasewatch.scenario..", "dev.releasewatch.bench..")
                .layer("App")
                .definedBy("dev.releasewatch.app..")
                .layer("Pipeline")
                .definedBy(
                        "dev.releasewatch.topology..",
                        "dev.releasewatch.produce..",
                        "dev.releasewatch.http..",
                        "dev.releasewatch.alert..")
                .layer("Kafka")
                .definedBy("dev.releasewatch.kafka..")
                .layer("Config")
                .definedBy("dev.releasewatch.config..")
                .layer("Domain")
                .definedBy("dev.releasewatch.detect..", "dev.releasewatch.feed..")
                .layer("Contract")
                .definedBy("dev.releasewatch.contract..", "dev.releasewatch.avro..")
                .whereLayer("Cli")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("Tools")
                .mayOnlyBeAccessedByLayers("Cli")
                .whereLayer("App")
                .mayOnlyBeAccessedByLayers("Cli", "Tools")
                .whereLayer("Pipeline")
                .mayOnlyBeAccessedByLayers("Cli", "Tools", "App")
                .whereLayer("Kafka")
                .mayOnlyBeAccessedByLayers("Cli", "Tools", "App", "Pipeline")
                .whereLayer("Config")
                .mayOnlyBeAccessedByLayers("Cli", "Tools", "App", "Pipeline", "Kafka")
                .whereLayer("Domain")
                .mayOnlyBeAccessedByLayers("Cli", "Tools", "App", "Pipeline", "Kafka", "Config")
                .check(classes);
    }

    @Test
    void shouldKeepTheTopologyToItselfWithinThePipelineLayer() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.releasewatch.produce..", "dev.releasewatch.http..", "dev.releasewatch.alert..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.releasewatch.topology..")
                .check(classes);
    }

    @Test
    void shouldKeepTheDetectorPureJava() {
        noClasses()
                .that()
                .resideInAPackage("dev.releasewatch.detect..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.kafka..", "io.micrometer..", "com.fasterxml..")
                .orShould()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.releasewatch.cli..",
                        "dev.releasewatch.app..",
                        "dev.releasewatch.topology..",
                        "dev.releasewatch.produce..",
                        "dev.releasewatch.http..",
                        "dev.releasewatch.alert..",
                        "dev.releasewatch.kafka..",
                        "dev.releasewatch.config..")
                .check(classes);
    }
}
