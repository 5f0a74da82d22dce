package io.pipelinemanager.core.internal.store.jpa;

import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import jakarta.persistence.OptimisticLockException;
import org.hibernate.StaleStateException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.JDBCConnectionException;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/** Translates persistence exceptions into {@link ManagerException}s: the store's edge. */
final class PersistenceErrors {

    /**
     * SQLStates outside class 08 that mean the server cannot serve connections: PostgreSQL's
     * admin shutdown, crash shutdown, "cannot connect now" (starting or shutting down) and too many
     * connections; H2's connection broken, database closed and database shut down.
     */
    private static final Set<String> CONNECTION_STATES = Set.of("57P01", "57P02", "57P03", "53300",
            "90067", "90098", "90121");

    private PersistenceErrors() {
    }

    /**
     * The manager exception that describes {@code failure}. A failure that matches nothing known is
     * {@code DatabaseUnavailable} if {@code databaseReachable} says the database cannot be reached
     * now (drivers, pools and containers do not all say so in a recognisable way), else {@code InternalError}.
     */
    static ManagerException translate(RuntimeException failure, BooleanSupplier databaseReachable) {
        ManagerException known = translate(failure);
        if (known.code() == ErrorCode.InternalError && !(failure instanceof ManagerException)
                && !databaseReachable.getAsBoolean()) {
            return unavailable(failure);
        }
        return known;
    }

    /** The manager exception that describes {@code failure}, from the failure alone. */
    static ManagerException translate(RuntimeException failure) {
        if (failure instanceof ManagerException managerException) {
            return managerException;
        }
        if (isOptimisticLockFailure(failure)) {
            return new ManagerException(ErrorCode.OutdatedVersion,
                    "The object was changed concurrently; read it again and retry", Map.of(), failure);
        }
        String constraint = violatedConstraint(failure);
        if (constraint != null) {
            if (constraint.contains("work_lease_pk")) {
                return new ManagerException(ErrorCode.OutdatedVersion, "The work was claimed concurrently", Map.of(), failure);
            }
            if (constraint.contains("_name_uq")) {
                return new ManagerException(ErrorCode.DuplicateName, "The name is already in use", Map.of(), failure);
            }
            if (constraint.contains("pipeline_program_fk")) {
                return new ManagerException(ErrorCode.ProgramInUse, "The program is used by a pipeline", Map.of(), failure);
            }
            if (constraint.contains("_tenant_fk")) {
                return new ManagerException(ErrorCode.UnknownTenant, "The tenant does not exist", Map.of(), failure);
            }
        }
        if (isConnectionFailure(failure)) {
            return unavailable(failure);
        }
        return new ManagerException(ErrorCode.InternalError, "Unexpected persistence failure", Map.of(), failure);
    }

    private static ManagerException unavailable(Throwable failure) {
        return new ManagerException(ErrorCode.DatabaseUnavailable, "The database is unavailable", Map.of(), failure);
    }

    /**
     * Whether the failure is a lost or refused database connection (worth a retry): a connection
     * exception of Hibernate or JDBC, an SQLState of class 08 (connection exception), PostgreSQL's
     * shutdown and start-up states, H2's closed or broken database, a network error below the
     * driver, or a container pool's (JCA) failure to hand out a connection.
     */
    static boolean isConnectionFailure(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
            if (t instanceof JDBCConnectionException || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException || t instanceof SocketException
                    || t instanceof SocketTimeoutException || t instanceof UnknownHostException
                    || isResourceException(t.getClass())) {
                return true;
            }
            if (t instanceof SQLException sql && isConnectionState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isConnectionState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || CONNECTION_STATES.contains(sqlState));
    }

    /** Whether the class is a Jakarta/Java EE connector {@code ResourceException}, without depending on the API. */
    private static boolean isResourceException(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals("jakarta.resource.ResourceException") || c.getName().equals("javax.resource.ResourceException")) {
                return true;
            }
        }
        return false;
    }

    /** Whether the failure is a lost optimistic-lock race (a row changed since it was read). */
    static boolean isOptimisticLockFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return true;
            }
        }
        return false;
    }

    /** The lower-cased name (or message) of the violated constraint, or null when none was violated. */
    private static String violatedConstraint(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException cve) {
                String name = cve.getConstraintName();
                String text = (name != null ? name + " " : "") + String.valueOf(cve.getSQLException().getMessage());
                return text.toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }
}
