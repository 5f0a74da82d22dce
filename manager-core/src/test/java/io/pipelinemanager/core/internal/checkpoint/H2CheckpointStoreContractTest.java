package io.pipelinemanager.core.internal.checkpoint;

import io.pipelinemanager.core.testing.TestDatabases;

/** The database checkpoint store on H2 (PostgreSQL mode), the embedded default database. */
class H2CheckpointStoreContractTest extends DatabaseCheckpointStoreContractTest {

    @Override
    String newDatabaseUrl() {
        return TestDatabases.h2Url();
    }
}
