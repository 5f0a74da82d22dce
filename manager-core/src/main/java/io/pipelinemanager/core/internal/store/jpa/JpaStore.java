package io.pipelinemanager.core.internal.store.jpa;

import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.internal.store.Store;
import io.pipelinemanager.core.internal.store.StoreSession;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@link Store} on JPA (Hibernate) over a host- or manager-owned data source.
 * Reads are retried on transient connection failures; writes only when the connection failed
 * before the transaction began, since only then is a retry certain not to apply the work twice.
 * A write that lost an optimistic-lock race is run again on fresh data (its own checks, such as a
 * client's expected version, decide anew), so background status writes never fail client edits.
 */
public final class JpaStore implements Store {

    private static final Logger LOG = LoggerFactory.getLogger(JpaStore.class);

    /** How often a write whose rows changed concurrently is run in total before it fails with {@code OutdatedVersion}. */
    static final int MAX_CONFLICT_RETRIES = 3;

    /** Seconds a probe of the database after an unexpected failure waits for the connection to answer. */
    private static final int PROBE_TIMEOUT_SECONDS = 2;

    private final EntityManagerFactory emf;
    private final DataSource dataSource;
    private final RetryPolicy retry;

    private JpaStore(EntityManagerFactory emf, DataSource dataSource, RetryPolicy retry) {
        this.emf = emf;
        this.dataSource = dataSource;
        this.retry = retry;
    }

    /** Opens the store over {@code dataSource}, whose schema must already be migrated. */
    public static JpaStore open(DataSource dataSource, RetryPolicy retry) {
        try {
            return new JpaStore(JpaBootstrap.create(dataSource), dataSource, retry);
        } catch (RuntimeException e) {
            throw new ManagerException(
                    PersistenceErrors.isConnectionFailure(e) ? ErrorCode.DatabaseUnavailable : ErrorCode.InternalError,
                    "Cannot open the store: " + e.getMessage(), Map.of(), e);
        }
    }

    @Override
    public <T> T read(Function<StoreSession, T> work) {
        for (int attempt = 1; ; attempt++) {
            try (EntityManager em = emf.createEntityManager()) {
                EntityTransaction tx = em.getTransaction();
                tx.begin();
                T result;
                try {
                    result = work.apply(new JpaStoreSession(em));
                } catch (RuntimeException e) {
                    rollbackAfter(tx, e);
                    throw e;
                }
                tx.rollback();
                return result;
            } catch (RuntimeException e) {
                if (!retryable(e, attempt)) {
                    throw translate(e);
                }
            }
        }
    }

    @Override
    public <T> T write(Function<StoreSession, T> work) {
        int conflicts = 0;
        for (int attempt = 1; ; attempt++) {
            EntityManager em = emf.createEntityManager();
            EntityTransaction tx = em.getTransaction();
            try {
                tx.begin();
            } catch (RuntimeException e) {
                closeAfter(em, e);
                if (!retryable(e, attempt)) {
                    throw translate(e);
                }
                continue;
            }
            try {
                T result = work.apply(new JpaStoreSession(em));
                tx.commit();
                return result;
            } catch (RuntimeException e) {
                rollbackAfter(tx, e);
                // A row read here was changed by a concurrent transaction (often a background loop's
                // status write): run the work again on fresh data; its own checks decide anew.
                if (PersistenceErrors.isOptimisticLockFailure(e) && ++conflicts < MAX_CONFLICT_RETRIES) {
                    LOG.debug("Concurrent update, running the transaction again ({})", conflicts);
                    continue;
                }
                throw translate(e);
            } finally {
                closeAfter(em, null);
            }
        }
    }

    private ManagerException translate(RuntimeException e) {
        return PersistenceErrors.translate(e, this::databaseReachable);
    }

    /** Whether a connection can be had and answers now: tells an outage from a failure of another kind. */
    private boolean databaseReachable() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(PROBE_TIMEOUT_SECONDS);
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Database probe failed: {}", e.toString());
            return false;
        }
    }

    /** Rolls back after {@code failure} without letting a rollback on a dead connection hide it. */
    private static void rollbackAfter(EntityTransaction tx, RuntimeException failure) {
        try {
            if (tx.isActive()) {
                tx.rollback();
            }
        } catch (RuntimeException rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
        }
    }

    /** Closes the entity manager; a failure to close after {@code failure} (if any) is recorded on it, else logged. */
    private static void closeAfter(EntityManager em, RuntimeException failure) {
        try {
            em.close();
        } catch (RuntimeException closeFailure) {
            if (failure != null) {
                failure.addSuppressed(closeFailure);
            } else {
                LOG.debug("Closing an entity manager failed: {}", closeFailure.toString());
            }
        }
    }

    private boolean retryable(RuntimeException e, int attempt) {
        if (attempt >= retry.attempts() || !PersistenceErrors.isConnectionFailure(e)) {
            return false;
        }
        Duration pause = retry.backoff(attempt);
        LOG.warn("Database connection failed (attempt {} of {}), retrying in {} ms: {}",
                attempt, retry.attempts(), pause.toMillis(), e.getMessage());
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }

    @Override
    public void close() {
        emf.close();
    }

    /** How often and how patiently to retry transient connection failures: exponential backoff from {@code initial}. */
    public record RetryPolicy(int attempts, Duration initial) {
        public RetryPolicy {
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be at least 1");
            }
        }

        Duration backoff(int attempt) {
            return initial.multipliedBy(1L << Math.min(attempt - 1, 10));
        }
    }
}
