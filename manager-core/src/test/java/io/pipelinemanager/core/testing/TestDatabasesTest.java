package io.pipelinemanager.core.testing;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.net.ConnectException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A PostgreSQL test without PostgreSQL fails the build unless skipping was explicitly allowed. */
class TestDatabasesTest {

    @Test
    void unavailablePostgresFailsTheTestByDefault() {
        assertThatThrownBy(() -> TestDatabases.requirePostgresDatabase(TestDatabasesTest::refused, false))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("PostgreSQL is unavailable")
                .hasMessageContaining(TestDatabases.ALLOW_SKIP_PROPERTY);
    }

    @Test
    void unavailablePostgresSkipsOnlyWhenAllowed() {
        assertThatThrownBy(() -> TestDatabases.requirePostgresDatabase(TestDatabasesTest::refused, true))
                .isInstanceOf(TestAbortedException.class);
    }

    @Test
    void availablePostgresIsReturned() {
        assertThat(TestDatabases.requirePostgresDatabase(() -> "jdbc:postgresql://db/x", false))
                .isEqualTo("jdbc:postgresql://db/x");
    }

    private static String refused() throws ConnectException {
        throw new ConnectException("Connection refused");
    }
}
