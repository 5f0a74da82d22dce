package io.pipelinemanager.embedded.cli;

/**
 * The CLI's exit codes, one per kind of outcome, so scripts can tell an operator's mistake from an outage
 * (README "CLI" has the same table). 3 is left out: {@code pm.on-out-of-memory=exit} halts with it.
 */
public final class ExitCodes {

    /** Done (a server mode ends with 0 after a clean stop). */
    public static final int OK = 0;
    /** {@code --probe-db}: the database cannot be reached (0 when it can, whatever its schema). */
    public static final int PROBE_FAILED = 1;
    /** Unknown option, missing or malformed option value, options that do not go together. */
    public static final int USAGE = 2;
    /** Configuration: the file cannot be read or parsed, an unknown key, a value of the wrong type. */
    public static final int CONFIG = 4;
    /** The database cannot be reached. */
    public static final int DATABASE_UNREACHABLE = 5;
    /** The database was reached but a schema migration failed. */
    public static final int MIGRATION_FAILED = 6;
    /** The REST server cannot start, e.g. the port is taken or the address is not this machine's. */
    public static final int SERVER_FAILED = 7;
    /** The manager refused the operation (e.g. {@code --create-api-key} with a name already in use). */
    public static final int REFUSED = 8;
    /** An unexpected failure (a bug): the message and its stack trace go to standard error. */
    public static final int INTERNAL = 70;

    private ExitCodes() {
    }
}
