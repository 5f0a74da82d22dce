package io.pipelinemanager.core.store;

import io.pipelinemanager.core.testing.TestDatabases;

/** The store contract on H2 (PostgreSQL mode), the embedded default. */
class H2StoreContractTest extends StoreContractTest {

    @Override
    String newDatabaseUrl() {
        return TestDatabases.h2Url();
    }
}
