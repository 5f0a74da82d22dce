package io.pipelinemanager.core.store;

import io.pipelinemanager.core.testing.TestDatabases;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** The store contract on PostgreSQL ({@code PM_TEST_PG_URL}, or an embedded server). */
class PostgresStoreContractTest extends StoreContractTest {

    @Override
    String newDatabaseUrl() {
        try {
            return TestDatabases.newPostgresDatabase();
        } catch (Exception e) {
            if (TestDatabases.postgresRequired()) {
                Assertions.fail("PM_REQUIRE_PG is set but PostgreSQL is unavailable: " + e.getMessage(), e);
            }
            Assumptions.abort("PostgreSQL unavailable (set PM_TEST_PG_URL): " + e.getMessage());
            return null;
        }
    }

    @Override
    void dropDatabase(String url) throws Exception {
        TestDatabases.dropPostgresDatabase(url);
    }
}
