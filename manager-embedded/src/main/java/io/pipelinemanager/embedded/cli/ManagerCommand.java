package io.pipelinemanager.embedded.cli;

import io.pipelinemanager.core.api.DatabaseStatus;
import io.pipelinemanager.core.api.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * The {@code pipeline-manager} command: without an action option it runs the REST server (with {@code --dev}
 * also the SQL directory watcher) until stopped; with one it does that one thing and exits.
 */
@Command(name = "pipeline-manager", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = VersionProvider.class, usageHelpAutoWidth = true,
        description = {"Runs the Pipeline Manager's REST API (default http://127.0.0.1:8080/api) over an H2 file "
                + "database under ~/.pipeline-manager, or does one administrative task and exits.",
                "Configuration layers, lowest first: defaults < --config file < environment (PM_*) < options."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done (a server stopped cleanly)",
            "1:--probe-db: the database cannot be reached",
            "2:unknown option, bad option value, options that do not go together",
            "4:bad configuration (file unreadable or malformed, unknown key, wrong value type)",
            "5:the database cannot be reached",
            "6:a schema migration failed",
            "7:the REST server cannot start (port taken, address not local)",
            "8:the manager refused the operation (e.g. an API key name in use, a bad tenant name)",
            "70:unexpected internal error (reported with its stack trace)"})
final class ManagerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file: .properties, or .yaml/.yml (pm.* keys; also pm.http.port, pm.bind-address).")
    Path config;

    @Option(names = "--bind-address", paramLabel = "ADDRESS",
            description = "Address the REST API listens on (env PM_BIND_ADDRESS; default 127.0.0.1, 0.0.0.0 for all).")
    String bindAddress;

    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port of the REST API (env PM_HTTP_PORT; default 8080; 0 = any free port).")
    Integer port;

    @Option(names = "--db-url", paramLabel = "JDBC_URL",
            description = "JDBC URL of the manager's database (key pm.db.url, env PM_DB_URL; default: H2 file ~/.pipeline-manager/server-db).")
    String dbUrl;

    @Option(names = "--migrate-database", description = "Apply the pending schema migrations and exit.")
    boolean migrateDatabase;

    @Option(names = "--probe-db", description = "Connect, print the database's version and the schema's migration state, exit 0 (reachable) or 1.")
    boolean probeDb;

    @Option(names = "--dump-openapi", description = "Print the OpenAPI document the server serves at /openapi (JSON) and exit.")
    boolean dumpOpenApi;

    @Option(names = "--print-banner", description = "Print name, version, git commit and build time and exit.")
    boolean printBanner;

    @Option(names = "--create-api-key", paramLabel = "NAME",
            description = "Create an API key with --role (and --tenant), print its secret once on standard output and exit.")
    String apiKeyName;

    @Option(names = "--role", paramLabel = "ROLE", description = "Role of the new API key: ${COMPLETION-CANDIDATES} (any case).")
    Role role;

    @Option(names = "--tenant", paramLabel = "TENANT", description = "Tenant of the new API key (default: default); created if new.")
    String tenant;

    @Option(names = "--dev", paramLabel = "DIR",
            description = "Development mode: the server, and the *.sql files of DIR kept in step with programs of "
                    + "the same name (each run by a pipeline of that name), recompiled and restarted on every change.")
    Path devDir;

    private final Map<String, String> env;
    private final ServerMode serverMode;

    ManagerCommand(Map<String, String> env, ServerMode serverMode) {
        this.env = env;
        this.serverMode = serverMode;
    }

    @Override
    public Integer call() {
        checkOptionCombinations();
        if (printBanner) {
            out().println(BuildInfo.load().banner());
            return ExitCodes.OK;
        }
        if (dumpOpenApi) {
            out().print(OpenApi.document());
            out().flush();
            return ExitCodes.OK;
        }
        Settings settings = Settings.load(config, env, flags());
        if (probeDb) {
            return probe(settings);
        }
        if (migrateDatabase) {
            DatabaseStatus before = Failures.probe(settings.builder());
            DatabaseStatus after = Failures.migrate(settings.builder());
            out().println("Schema at version " + after.schemaVersion() + " (" + before.pendingMigrations()
                    + " migrations applied now) on " + after.databaseProduct() + " " + after.databaseVersion());
            return ExitCodes.OK;
        }
        if (apiKeyName != null) {
            return ApiKeys.create(settings, apiKeyName, role, tenant, out(), err());
        }
        return serverMode.run(settings, devDir, out(), err());
    }

    private int probe(Settings settings) {
        DatabaseStatus status;
        try {
            status = Failures.probe(settings.builder());
        } catch (OperatorError e) {
            if (e.exitCode() != ExitCodes.DATABASE_UNREACHABLE) {
                throw e;
            }
            err().println(e.getMessage());
            return ExitCodes.PROBE_FAILED;
        }
        out().println("Database: " + status.databaseProduct() + " " + status.databaseVersion());
        out().println("Schema: " + (status.schemaVersion() == null ? "not migrated" : "version " + status.schemaVersion())
                + ", " + status.pendingMigrations() + " pending migrations"
                + (status.schemaUpToDate() ? " (up to date)" : " (run --migrate-database, or start the server)"));
        return ExitCodes.OK;
    }

    /** The options that set {@code pm.*} keys, as the highest configuration layer. */
    private Map<String, String> flags() {
        Map<String, String> flags = new LinkedHashMap<>();
        if (dbUrl != null) {
            flags.put("pm.db.url", dbUrl);
        }
        if (bindAddress != null) {
            flags.put(Settings.BIND_KEY, bindAddress);
        }
        if (port != null) {
            flags.put(Settings.PORT_KEY, String.valueOf(port));
        }
        return flags;
    }

    private void checkOptionCombinations() {
        List<String> actions = Stream.of(migrateDatabase ? "--migrate-database" : null, probeDb ? "--probe-db" : null,
                        dumpOpenApi ? "--dump-openapi" : null, printBanner ? "--print-banner" : null,
                        apiKeyName != null ? "--create-api-key" : null, devDir != null ? "--dev" : null)
                .filter(a -> a != null).toList();
        if (actions.size() > 1) {
            throw new ParameterException(spec.commandLine(), String.join(" and ", actions) + " do not go together");
        }
        if (apiKeyName == null && (role != null || tenant != null)) {
            throw new ParameterException(spec.commandLine(), "--role and --tenant belong to --create-api-key");
        }
        if (apiKeyName != null && role == null) {
            throw new ParameterException(spec.commandLine(), "--create-api-key needs --role");
        }
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
