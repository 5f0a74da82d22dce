package io.pipelinemanager.embedded.server;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * manager-embedded is an adapter like the WAR: of the core it uses the facade and the API; of the WAR it uses
 * the shared classes, not the container wiring that only exists inside an application server.
 */
@AnalyzeClasses(packages = "io.pipelinemanager.embedded", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule usesOnlyTheFacadeAndTheApi = noClasses()
            .should().dependOnClassesThat().resideInAPackage("io.pipelinemanager.core.internal..")
            .because("adapters use io.pipelinemanager.core (the facade) and core.api; the internals may change");

    @ArchTest
    static final ArchRule needsNoApplicationServer = noClasses()
            .should().dependOnClassesThat().haveFullyQualifiedName("io.pipelinemanager.war.boot.ManagerLifecycle")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("io.pipelinemanager.war.boot.DataSources")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("io.pipelinemanager.war.boot.LongRunningExecutor")
            .orShould().dependOnClassesThat().resideInAnyPackage("jakarta.enterprise..", "javax.naming..")
            .because("outside an application server there is no CDI container, JNDI or managed executor: "
                    + "the embedded server wires the WAR's classes through their constructors");
}
