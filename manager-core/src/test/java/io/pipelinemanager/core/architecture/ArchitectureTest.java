package io.pipelinemanager.core.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The layering of the core (see docs/architecture.md), checked on its compiled classes. */
@AnalyzeClasses(packages = "io.pipelinemanager.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule apiDependsOnNothingInternal = noClasses()
            .that().resideInAPackage("io.pipelinemanager.core.api..")
            .should().dependOnClassesThat().resideInAnyPackage("io.pipelinemanager.core", "io.pipelinemanager.core.internal..")
            .because("core.api is the stable public API: records, enums and errors only");

    @ArchTest
    static final ArchRule internalsDoNotUseTheFacade = noClasses()
            .that().resideInAPackage("io.pipelinemanager.core.internal..")
            .should().dependOnClassesThat().resideInAPackage("io.pipelinemanager.core")
            .because("the facade sits on top of the internals, not among them");

    @ArchTest
    static final ArchRule noPackageCycles = slices()
            .matching("io.pipelinemanager.core.(**)")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule runnerDoesNotBuildCircuits = noClasses()
            .that().resideInAPackage("io.pipelinemanager.core.internal.runner..")
            .should().dependOnClassesThat().resideInAnyPackage("io.pipelinemanager.core.internal.compiler.plan..", "org.apache.calcite..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("io.pipelinemanager.core.internal.engine.CircuitBuilder")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("io.pipelinemanager.core.internal.compiler.ProgramAnalyzer")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("io.pipelinemanager.core.internal.compiler.ProgramTranslator")
            .because("circuits, for pipelines and snapshot queries alike, come from the compiler's entry point (SqlCompiler)");
}
