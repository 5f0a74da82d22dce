package io.pipelinemanager.embedded.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/** One in-process run of the command line with captured output, for tests. */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new Cli(env, new PrintWriter(out, true), new PrintWriter(err, true), false).run(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Runs with no environment but a short wait for a connection, so that unreachable databases fail fast. */
    static CliRun run(String... args) {
        return run(Map.of("PM_DB_CONNECT_TIMEOUT_MS", "500"), args);
    }

    /** An H2 file database in {@code dir} with the manager's settings. */
    static String h2Url(Path dir) {
        return "jdbc:h2:file:" + dir.resolve("db") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    /** An H2 URL that fails to connect: the database does not exist and may not be created. */
    static String missingH2Url(Path dir) {
        return "jdbc:h2:file:" + dir.resolve("missing") + ";IFEXISTS=TRUE";
    }
}
