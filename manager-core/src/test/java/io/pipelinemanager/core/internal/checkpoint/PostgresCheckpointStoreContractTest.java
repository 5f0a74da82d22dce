package io.pipelinemanager.core.internal.checkpoint;

import io.pipelinemanager.core.testing.TestDatabases;

/** The database checkpoint store on PostgreSQL ({@code PM_TEST_PG_URL}, or an embedded server). */
class PostgresCheckpointStoreContractTest extends DatabaseCheckpointStoreContractTest {

    @Override
    String newDatabaseUrl() {
        return TestDatabases.requirePostgresDatabase();
    }

    @Override
    void dropDatabase(String url) throws Exception {
        TestDatabases.dropPostgresDatabase(url);
    }
}
