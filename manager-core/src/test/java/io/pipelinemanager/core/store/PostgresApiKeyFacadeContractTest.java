package io.pipelinemanager.core.store;

import io.pipelinemanager.core.testing.TestDatabases;

/** API keys and the audit log through two managers on one PostgreSQL database. */
class PostgresApiKeyFacadeContractTest extends ApiKeyFacadeContractTest {

    @Override
    String newDatabaseUrl() {
        return TestDatabases.requirePostgresDatabase();
    }

    @Override
    void dropDatabase(String url) throws Exception {
        TestDatabases.dropPostgresDatabase(url);
    }
}
