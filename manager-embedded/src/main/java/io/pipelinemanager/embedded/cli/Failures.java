package io.pipelinemanager.embedded.cli;

import io.pipelinemanager.core.PipelineManagerBuilder;
import io.pipelinemanager.core.api.DatabaseStatus;
import io.pipelinemanager.core.api.ManagerException;

import java.net.BindException;
import java.nio.channels.UnresolvedAddressException;
import java.util.function.Supplier;

/** Turns the manager's and the server's failures into {@link OperatorError}s with the CLI's exit codes. */
final class Failures {

    private Failures() {
    }

    /** Connects and reports; unreachable is {@link ExitCodes#DATABASE_UNREACHABLE}. */
    static DatabaseStatus probe(PipelineManagerBuilder builder) {
        return translate(builder::probeDatabase, ExitCodes.DATABASE_UNREACHABLE);
    }

    /** Migrates; a database that was reachable but failed is {@link ExitCodes#MIGRATION_FAILED}. */
    static DatabaseStatus migrate(PipelineManagerBuilder builder) {
        return translate(builder::migrateDatabase, ExitCodes.MIGRATION_FAILED);
    }

    /** Runs {@code work}; a {@code DatabaseUnavailable} becomes {@code databaseExitCode} unless its details say otherwise. */
    static <T> T translate(Supplier<T> work, int databaseExitCode) {
        try {
            return work.get();
        } catch (ManagerException e) {
            throw operatorError(e, databaseExitCode);
        }
    }

    static OperatorError operatorError(ManagerException e, int databaseExitCode) {
        String message = firstLine(e.getMessage());
        return switch (e.code()) {
            case InvalidConfig -> new OperatorError(ExitCodes.CONFIG, "Bad configuration: " + message);
            case DatabaseUnavailable -> new OperatorError(exitCodeOf(e, databaseExitCode), message);
            default -> new OperatorError(ExitCodes.REFUSED, e.code() + ": " + message);
        };
    }

    /** The core says which step failed ({@code details.operation}: connect or migrate). */
    private static int exitCodeOf(ManagerException e, int fallback) {
        Object operation = e.details().get("operation");
        if ("connect".equals(operation)) {
            return ExitCodes.DATABASE_UNREACHABLE;
        }
        if ("migrate".equals(operation)) {
            return ExitCodes.MIGRATION_FAILED;
        }
        return fallback;
    }

    /** A failure to listen: the address is taken, not this machine's, or unknown. */
    static OperatorError serverStart(RuntimeException e, String bindAddress, int port) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || t instanceof UnresolvedAddressException) {
                return new OperatorError(ExitCodes.SERVER_FAILED, "Cannot listen on " + bindAddress + ":" + port + ": "
                        + (t.getMessage() == null ? t.getClass().getSimpleName() : firstLine(t.getMessage())));
            }
        }
        throw e;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        return message.lines().findFirst().orElse("").trim();
    }
}
