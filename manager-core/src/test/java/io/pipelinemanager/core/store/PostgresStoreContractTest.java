package io.pipelinemanager.core.store;

import io.pipelinemanager.core.testing.TestDatabases;

/** The store contract on PostgreSQL ({@code PM_TEST_PG_URL}, or an embedded server). */
class PostgresStoreContractTest extends StoreContractTest {

    @Override
    String newDatabaseUrl() {
        return TestDatabases.requirePostgresDatabase();
    }

    @Override
    void dropDatabase(String url) throws Exception {
        TestDatabases.dropPostgresDatabase(url);
    }
}
