package io.pipelinemanager.core.api;

/**
 * What a connection to the manager's database found: the database product and version as its driver reports
 * them, the schema version the manager's migrations reached ({@code null} before the first migration) and how
 * many migrations are still to apply.
 */
public record DatabaseStatus(String databaseProduct, String databaseVersion, String schemaVersion,
                             int pendingMigrations) {

    /** Whether every migration of this manager version has been applied. */
    public boolean schemaUpToDate() {
        return pendingMigrations == 0 && schemaVersion != null;
    }
}
