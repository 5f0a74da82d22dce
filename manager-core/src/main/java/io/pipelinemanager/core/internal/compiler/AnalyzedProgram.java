package io.pipelinemanager.core.internal.compiler;

import io.pipelinemanager.core.api.Diagnostic;
import io.pipelinemanager.core.api.ProgramSchema;
import java.util.List;

/**
 * The front end's result for a program: its catalog, the planned views in order (empty when they were
 * handed to a {@link ProgramAnalyzer.Listener} instead), and all diagnostics.
 */
public record AnalyzedProgram(ProgramCatalog catalog, List<AnalyzedView> views, List<Diagnostic> diagnostics) {

    /** Copies the lists (immutable record). */
    public AnalyzedProgram {
        views = List.copyOf(views);
        diagnostics = List.copyOf(diagnostics);
    }

    /** Whether any diagnostic is an error. */
    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
    }

    /** The schema of the tables and views declared so far. */
    public ProgramSchema schema() {
        return new ProgramSchema(
                catalog.entries(CatalogEntry.Kind.TABLE).stream().map(CatalogEntry::toRelation).toList(),
                catalog.entries(CatalogEntry.Kind.VIEW).stream().map(CatalogEntry::toRelation).toList());
    }
}
