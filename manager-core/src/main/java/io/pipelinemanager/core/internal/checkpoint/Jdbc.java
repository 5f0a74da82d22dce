package io.pipelinemanager.core.internal.checkpoint;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;

/** The transactions of the database store: plain JDBC on the manager's pool, failures as {@link IOException}. */
final class Jdbc {

    private static final Logger LOG = LoggerFactory.getLogger(Jdbc.class);
    private static final AtomicBoolean SYNC_WARNED = new AtomicBoolean();

    private Jdbc() {
    }

    /** Work inside one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException, IOException;
    }

    /** Runs {@code work} in one transaction on a pooled connection: committed when it returns, rolled back when it throws. */
    static <T> T transaction(DataSource dataSource, String what, Work<T> work) throws IOException {
        return transaction(dataSource, what, false, work);
    }

    /**
     * {@link #transaction(DataSource, String, Work)}, and with {@code durable} the commit is on disk when this returns.
     * PostgreSQL's commit is (its write-ahead log is flushed); H2 has no such log and writes committed changes
     * in the background (within {@code WRITE_DELAY}, 500 ms), so on H2 a durable commit ends with
     * {@code CHECKPOINT SYNC}, which writes and syncs the store.
     */
    static <T> T transaction(DataSource dataSource, String what, boolean durable, Work<T> work) throws IOException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                if (durable) {
                    syncIfH2(connection);
                }
                return result;
            } catch (SQLException | IOException | RuntimeException | Error e) {
                try {
                    connection.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** {@code what} failed in the database. */
    static IOException failure(String what, SQLException e) {
        return new IOException(what + ": " + e.getMessage(), e);
    }

    private static void syncIfH2(Connection connection) throws SQLException {
        if (!"H2".equals(connection.getMetaData().getDatabaseProductName())) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT SYNC");
        } catch (SQLException e) {
            // Needs admin rights; without them a commit reaches the disk within H2's write delay.
            if (SYNC_WARNED.compareAndSet(false, true)) {
                LOG.warn("CHECKPOINT SYNC failed ({}): on this H2 database a checkpoint or journal append is on disk only "
                        + "within H2's write delay (about 0.5 s) after it returns", e.getMessage());
            }
        }
    }
}
