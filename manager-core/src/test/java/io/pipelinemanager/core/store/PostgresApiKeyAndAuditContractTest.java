package io.pipelinemanager.core.store;

import io.pipelinemanager.core.testing.TestDatabases;

/** API keys and the audit log on PostgreSQL ({@code PM_TEST_PG_URL}, or an embedded server). */
class PostgresApiKeyAndAuditContractTest extends ApiKeyAndAuditContractTest {

    @Override
    String newDatabaseUrl() {
        return TestDatabases.requirePostgresDatabase();
    }

    @Override
    void dropDatabase(String url) throws Exception {
        TestDatabases.dropPostgresDatabase(url);
    }
}
