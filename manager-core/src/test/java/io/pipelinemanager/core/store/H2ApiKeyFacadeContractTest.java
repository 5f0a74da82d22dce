package io.pipelinemanager.core.store;

import io.pipelinemanager.core.testing.TestDatabases;

/** API keys and the audit log through two managers on one H2 database (PostgreSQL mode). */
class H2ApiKeyFacadeContractTest extends ApiKeyFacadeContractTest {

    @Override
    String newDatabaseUrl() {
        return TestDatabases.h2Url();
    }
}
