package io.pipelinemanager.core.internal.store.jpa;

import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import jakarta.persistence.OptimisticLockException;
import org.hibernate.StaleStateException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.JDBCConnectionException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.Map;

/** Translates persistence exceptions into {@link ManagerException}s: the store's edge. */
final class PersistenceErrors {

    private PersistenceErrors() {
    }

    /** The manager exception that describes {@code failure}. */
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
            return new ManagerException(ErrorCode.DatabaseUnavailable, "The database is unavailable", Map.of(), failure);
        }
        return new ManagerException(ErrorCode.InternalError, "Unexpected persistence failure", Map.of(), failure);
    }

    /** Whether the failure is a lost or refused database connection (worth a retry). */
    static boolean isConnectionFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JDBCConnectionException || t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
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
