package io.pipelinemanager.embedded.server;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.PipelineManagerBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Servers for the tests: one shared by the REST test classes of a test run, on an H2 file database of its own. */
final class TestServers {

    private static EmbeddedServer shared;

    private TestServers() {
    }

    /** The shared server (started at first use on a free port, stopped when the test JVM exits). */
    static synchronized EmbeddedServer shared() {
        if (shared == null) {
            shared = EmbeddedServer.builder().manager(managerOnNewDatabase()).port(0).start();
            EmbeddedServer server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-server-stop"));
        }
        return shared;
    }

    /** A manager builder over a new H2 file database in a temporary directory. */
    static PipelineManagerBuilder managerOnNewDatabase() {
        return PipelineManager.builder().databaseUrl(newDatabaseUrl());
    }

    /** The URL of a new H2 file database in a temporary directory. */
    static String newDatabaseUrl() {
        try {
            Path dir = Files.createTempDirectory("pm-embedded-test");
            return "jdbc:h2:file:" + dir.resolve("db") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
