package io.pipelinemanager.samples.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The samples show the public API: the facade and the API records only. */
@AnalyzeClasses(packages = "io.pipelinemanager.samples", importOptions = ImportOption.DoNotIncludeTests.class)
class AdapterBoundaryTest {

    @ArchTest
    static final ArchRule usesOnlyTheFacadeAndTheApi = noClasses()
            .should().dependOnClassesThat().resideInAPackage("io.pipelinemanager.core.internal..")
            .because("samples use io.pipelinemanager.core (the facade) and core.api; the internals may change");
}
