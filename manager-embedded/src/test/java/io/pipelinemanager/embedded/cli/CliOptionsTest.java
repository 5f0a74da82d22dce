package io.pipelinemanager.embedded.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every one-shot option and every operator error, in-process with captured output; exit codes asserted. */
class CliOptionsTest {

    @TempDir
    Path dir;

    @Test
    void helpListsEveryOptionAndTheExitCodes() {
        CliRun run = CliRun.run("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--config", "--bind-address", "--port", "--db-url", "--migrate-database",
                "--probe-db", "--dump-openapi", "--print-banner", "--dev", "--help", "--version", "Exit codes:");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void versionIsOneLineWithTheBuildsVersion() {
        CliRun run = CliRun.run("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).matches("Pipeline Manager \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit \\S+.*, built \\S+\\)\\R");
    }

    @Test
    void bannerHasNameVersionCommitAndBuildTimeFilledInByTheBuild() {
        CliRun run = CliRun.run("--print-banner");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Pipeline Manager ").contains("git commit", "built", "java").doesNotContain("${");
        // The build filled in the time (the git commit is "unknown" only outside a git checkout).
        assertThat(run.out()).containsPattern("built\\s+\\d{4}-\\d{2}-\\d{2}T");
    }

    @Test
    void unknownOptionIsAUsageErrorOnOneLine() {
        CliRun run = CliRun.run("--nope");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Unknown option: '--nope'").contains("--help");
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void malformedOptionValueAndConflictingActionsAreUsageErrors() {
        CliRun port = CliRun.run("--port", "eighty");
        assertThat(port.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(port.err()).contains("--port").contains("eighty");
        CliRun both = CliRun.run("--probe-db", "--migrate-database");
        assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.err()).contains("do not go together");
    }

    @Test
    void probeReportsTheDatabaseAndTheMigrationStateThenMigrateBringsItUpToDate() throws Exception {
        // The migrations module's files: V<n>__<what>.sql, the last one being the schema version migrate reaches.
        int migrations;
        try (var files = Files.list(Path.of("..", "migrations"))) {
            migrations = (int) files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        }
        assertThat(migrations).isPositive();
        String url = CliRun.h2Url(dir);
        CliRun before = CliRun.run("--probe-db", "--db-url", url);
        assertThat(before.exitCode()).isZero();
        assertThat(before.out()).contains("Database: H2 2.")
                .contains("Schema: not migrated, " + migrations + " pending migrations");

        CliRun migrate = CliRun.run("--migrate-database", "--db-url", url);
        assertThat(migrate.exitCode()).isZero();
        assertThat(migrate.out()).contains("Schema at version " + migrations + " (" + migrations + " migrations applied now)");

        CliRun after = CliRun.run("--probe-db", "--db-url", url);
        assertThat(after.exitCode()).isZero();
        assertThat(after.out()).contains("Schema: version " + migrations + ", 0 pending migrations (up to date)");
        assertThat(CliRun.run("--migrate-database", "--db-url", url).out()).contains("(0 migrations applied now)");
    }

    @Test
    void probeOfAnUnreachableDatabaseExitsOneWithTheReason() {
        CliRun run = CliRun.run("--probe-db", "--db-url", CliRun.missingH2Url(dir));
        assertThat(run.exitCode()).isEqualTo(ExitCodes.PROBE_FAILED);
        assertThat(run.err()).startsWith("Cannot connect to the database: ").contains("not found");
        assertThat(run.err().lines()).hasSize(1);
    }

    @Test
    void migrateOfAnUnreachableDatabaseIsDatabaseUnreachable() {
        CliRun run = CliRun.run("--migrate-database", "--db-url", CliRun.missingH2Url(dir));
        assertThat(run.exitCode()).isEqualTo(ExitCodes.DATABASE_UNREACHABLE);
        assertThat(run.err()).startsWith("Cannot connect to the database: ");
        assertThat(run.err().lines()).hasSize(1);
    }

    @Test
    void aFailedMigrationHasItsOwnExitCodeAndNoStackTrace() throws Exception {
        String url = CliRun.h2Url(dir);
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            c.createStatement().execute("CREATE TABLE somebody_elses (id INT)");
        }
        CliRun run = CliRun.run("--migrate-database", "--db-url", url);
        assertThat(run.exitCode()).isEqualTo(ExitCodes.MIGRATION_FAILED);
        assertThat(run.err()).startsWith("Cannot migrate the database: ");
        assertThat(run.err().lines()).hasSize(1);
    }

    @Test
    void configLayersFileThenEnvironmentThenOptions() throws Exception {
        String good = CliRun.h2Url(dir);
        String bad = CliRun.missingH2Url(dir);
        Path yaml = dir.resolve("pm.yaml");
        Files.writeString(yaml, "pm:\n  db:\n    url: \"" + good + "\"\n");
        assertThat(CliRun.run("--probe-db", "--config", yaml.toString()).exitCode()).isZero();
        // The environment beats the file, the option beats the environment.
        assertThat(CliRun.run(Map.of("PM_DB_URL", bad), "--probe-db", "--config", yaml.toString()).exitCode())
                .isEqualTo(ExitCodes.PROBE_FAILED);
        assertThat(CliRun.run(Map.of("PM_DB_URL", bad), "--probe-db", "--config", yaml.toString(), "--db-url", good)
                .exitCode()).isZero();
        Path properties = dir.resolve("pm.properties");
        Files.writeString(properties, "pm.db.url=" + bad + "\n");
        assertThat(CliRun.run(Map.of("PM_DB_URL", good), "--probe-db", "--config", properties.toString()).exitCode())
                .isZero();
        assertThat(CliRun.run("--probe-db", "--config", properties.toString()).exitCode()).isEqualTo(ExitCodes.PROBE_FAILED);
    }

    @Test
    void theServerKeysAreLayeredToo() throws Exception {
        Path yaml = dir.resolve("pm.yml");
        Files.writeString(yaml, "pm.http.port: 18123\npm.bind-address: 0.0.0.0\n");
        Settings fromFile = Settings.load(yaml, Map.of(), Map.of());
        assertThat(fromFile.port()).isEqualTo(18123);
        assertThat(fromFile.bindAddress()).isEqualTo("0.0.0.0");
        Settings fromEnv = Settings.load(yaml, Map.of("PM_HTTP_PORT", "18124", "PM_BIND_ADDRESS", "localhost"), Map.of());
        assertThat(fromEnv.port()).isEqualTo(18124);
        assertThat(fromEnv.bindAddress()).isEqualTo("localhost");
        Settings fromFlags = Settings.load(yaml, Map.of("PM_HTTP_PORT", "18124"), Map.of(Settings.PORT_KEY, "18125"));
        assertThat(fromFlags.port()).isEqualTo(18125);
        Settings defaults = Settings.load(null, Map.of(), Map.of());
        assertThat(defaults.port()).isEqualTo(8080);
        assertThat(defaults.bindAddress()).isEqualTo("127.0.0.1");
    }

    @Test
    void theReadmesYamlExampleSetsTheKeysItClaims() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("```yaml\n# pipeline-manager.yaml\n");
        assertThat(start).as("the YAML example in README's Command line section").isNotNegative();
        String yaml = readme.substring(readme.indexOf('\n', start) + 1, readme.indexOf("```", start + 3));
        Path file = dir.resolve("pipeline-manager.yaml");
        Files.writeString(file, yaml);
        Settings settings = Settings.load(file, Map.of(), Map.of());
        assertThat(settings.port()).isEqualTo(8181);
        assertThat(settings.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(ConfigFiles.read(file)).containsEntry("pm.runner.max-pipelines", "16")
                .containsEntry("pm.db.url", "jdbc:postgresql://127.0.0.1:5432/pipeline_manager?user=postgres");
        // The manager accepts its keys (a typo would be InvalidConfig, exit code 4, before any connection).
        Files.writeString(file, yaml.replace("jdbc:postgresql://127.0.0.1:5432/pipeline_manager?user=postgres",
                CliRun.h2Url(dir)));
        assertThat(CliRun.run("--probe-db", "--config", file.toString()).exitCode()).isZero();
    }

    @Test
    void aConfigFileThatCannotBeReadOrParsedIsAConfigurationError() throws Exception {
        CliRun missing = CliRun.run("--probe-db", "--config", dir.resolve("absent.yaml").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(missing.err()).contains("Bad configuration file").contains("absent.yaml: no such file");

        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "pm:\n  db:\n    url: [unclosed\n");
        CliRun yaml = CliRun.run("--probe-db", "--config", broken.toString());
        assertThat(yaml.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(yaml.err()).contains("broken.yaml: line ");
        assertThat(yaml.err().lines()).hasSize(1);

        Path list = dir.resolve("list.yaml");
        Files.writeString(list, "pm:\n  db:\n    url: [a, b]\n");
        assertThat(CliRun.run("--probe-db", "--config", list.toString()).err()).contains("pm.db.url: lists are not");
    }

    @Test
    void unknownKeysWrongTypesAndBadPortsAreConfigurationErrors() throws Exception {
        Path typo = dir.resolve("typo.properties");
        Files.writeString(typo, "pm.db.ulr=x\n");
        CliRun unknown = CliRun.run("--probe-db", "--config", typo.toString());
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(unknown.err()).contains("pm.db.ulr");
        assertThat(unknown.err().lines()).hasSize(1);

        CliRun type = CliRun.run(Map.of("PM_DB_POOL_SIZE", "many"), "--probe-db", "--db-url", CliRun.h2Url(dir));
        assertThat(type.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(type.err()).contains("pm.db.pool-size").contains("many");

        CliRun port = CliRun.run(Map.of("PM_HTTP_PORT", "70000"), "--probe-db", "--db-url", CliRun.h2Url(dir));
        assertThat(port.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(port.err()).contains("pm.http.port").contains("70000");
    }
}
