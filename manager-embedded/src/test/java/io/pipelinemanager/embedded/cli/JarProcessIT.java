package io.pipelinemanager.embedded.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged jar as an operator runs it: {@code java -jar target/pipeline-manager.jar} in a process of its own,
 * with a home directory of its own (so the default H2 database lands under it) and a free port.
 */
class JarProcessIT {

    @TempDir
    Path home;

    private static Path jar() {
        Path jar = Path.of(System.getProperty("pm.cli.jar", "target/pipeline-manager.jar")).toAbsolutePath();
        assertThat(jar).exists();
        assertThat(jar.resolveSibling("lib")).isDirectory();
        return jar;
    }

    private ProcessBuilder java(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + home, "-jar", jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("PM_"));
        return builder;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void theJarStartsWithItsDefaultDatabaseUnderTheHomeDirectoryServesTheApiAndStopsOnSigterm() throws Exception {
        int port = freePort();
        Path out = home.resolve("out.log");
        Path err = home.resolve("err.log");
        long started = System.nanoTime();
        Process process = java("--port", String.valueOf(port)).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            URI programs = URI.create("http://127.0.0.1:" + port + "/api/programs");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                    .until(() -> client.send(HttpRequest.newBuilder(programs).build(), HttpResponse.BodyHandlers.ofString())
                            .statusCode() == 200);
            long millis = (System.nanoTime() - started) / 1_000_000;
            System.out.println("JarProcessIT: process start to first 200 from GET /api/programs: " + millis + " ms");
            assertThat(home.resolve(".pipeline-manager/server-db.mv.db")).exists();
            assertThat(Files.readString(out, StandardCharsets.UTF_8)).contains("REST API on http://127.0.0.1:" + port + "/api/");
        } finally {
            process.destroy();   // SIGTERM: the shutdown hook stops the server and the manager
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).contains("Stopped");
        assertThat(Files.readString(err, StandardCharsets.UTF_8)).doesNotContain("Exception");
        // The one-command WildFly server's data source opens the same file without a user name.
        try (Connection c = DriverManager.getConnection(wildFlyStyleUrl())) {
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("H2");
        }
    }

    @Test
    void theJarOpensTheDefaultDatabaseTheWildFlyServerCreated() throws Exception {
        try (Connection c = DriverManager.getConnection(wildFlyStyleUrl())) {
            c.createStatement().execute("SELECT 1");
        }
        Process probe = java("--probe-db").redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor()).as(output).isZero();
        assertThat(output).contains("Database: H2");
    }

    /** The URL of the one-command WildFly server's data source (manager-jakarta-war's pom), under this test's home. */
    private String wildFlyStyleUrl() {
        return "jdbc:h2:file:" + home.resolve(".pipeline-manager/server-db")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;TRACE_LEVEL_FILE=0;DB_CLOSE_ON_EXIT=FALSE";
    }

    @Test
    void theJarsExitCodesAndOneLineErrors() throws Exception {
        Process unknown = java("--nope").redirectErrorStream(true).start();
        String unknownOut = new String(unknown.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(unknown.waitFor()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknownOut.lines()).hasSize(1).first().asString().contains("Unknown option: '--nope'");

        Process banner = java("--print-banner").start();
        String bannerOut = new String(banner.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(banner.waitFor()).isZero();
        assertThat(bannerOut).startsWith("Pipeline Manager ").contains("git commit", "built");

        Process probe = java("--probe-db", "--db-url", "jdbc:h2:file:" + home.resolve("missing") + ";IFEXISTS=TRUE")
                .redirectErrorStream(true).start();
        String probeOut = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor()).isEqualTo(ExitCodes.PROBE_FAILED);
        assertThat(probeOut).contains("Cannot connect to the database").doesNotContain("\tat ");
    }
}
