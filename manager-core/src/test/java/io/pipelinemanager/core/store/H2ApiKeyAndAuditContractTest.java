package io.pipelinemanager.core.store;

import io.pipelinemanager.core.testing.TestDatabases;

/** API keys and the audit log on H2 (PostgreSQL mode), the embedded default. */
class H2ApiKeyAndAuditContractTest extends ApiKeyAndAuditContractTest {

    @Override
    String newDatabaseUrl() {
        return TestDatabases.h2Url();
    }
}
