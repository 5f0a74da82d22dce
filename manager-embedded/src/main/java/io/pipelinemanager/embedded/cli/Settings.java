package io.pipelinemanager.embedded.cli;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.PipelineManagerBuilder;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CLI's configuration in layers, lowest first: defaults &lt; {@code --config} file &lt; environment &lt;
 * flags. The manager's own {@code pm.*} keys go to its builder in the same layers (the builder rejects
 * unknown ones); the server's keys are the CLI's: {@code pm.http.port} ({@code PM_HTTP_PORT},
 * {@code --port}, default 8080) and {@code pm.bind-address} ({@code PM_BIND_ADDRESS}, {@code --bind-address},
 * default 127.0.0.1) — the same variables as the one-command WildFly server.
 */
final class Settings {

    static final String PORT_KEY = "pm.http.port";
    static final String PORT_ENV = "PM_HTTP_PORT";
    static final String BIND_KEY = "pm.bind-address";
    static final String BIND_ENV = "PM_BIND_ADDRESS";
    static final int DEFAULT_PORT = 8080;
    static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    /**
     * The standalone server's database: an H2 file under the user's home, shared with the one-command WildFly
     * server (with its empty user name, unless the configuration sets one).
     */
    static final String DEFAULT_DB_URL = "jdbc:h2:file:~/.pipeline-manager/server-db;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
            + "DEFAULT_NULL_ORDERING=HIGH;TRACE_LEVEL_FILE=0;DB_CLOSE_ON_EXIT=FALSE";

    private final String fileName;
    private final Map<String, String> fileLayer;
    private final Map<String, String> env;
    private final Map<String, String> flags;
    private final String bindAddress;
    private final int port;

    private Settings(String fileName, Map<String, String> fileLayer, Map<String, String> env, Map<String, String> flags,
                     String bindAddress, int port) {
        this.fileName = fileName;
        this.fileLayer = fileLayer;
        this.env = env;
        this.flags = flags;
        this.bindAddress = bindAddress;
        this.port = port;
    }

    /** Reads the file (if any) and resolves the server's keys; flags are {@code pm.*} keys set on the command line. */
    static Settings load(Path configFile, Map<String, String> env, Map<String, String> flags) {
        Map<String, String> file = configFile == null ? Map.of() : ConfigFiles.read(configFile);
        Map<String, String> managerFile = new LinkedHashMap<>();
        managerFile.put("pm.db.url", DEFAULT_DB_URL);
        if (!file.containsKey("pm.db.url") && !env.containsKey("PM_DB_URL") && !flags.containsKey("pm.db.url")) {
            // The WildFly server's data source opens this database without a user name; H2 then checks the
            // empty name, so the jar uses it too and either server opens what the other created.
            managerFile.put("pm.db.user", "");
        }
        managerFile.putAll(file);
        managerFile.remove(PORT_KEY);
        managerFile.remove(BIND_KEY);
        Map<String, String> managerFlags = new LinkedHashMap<>(flags);
        managerFlags.remove(PORT_KEY);
        managerFlags.remove(BIND_KEY);
        String bind = layered(BIND_KEY, DEFAULT_BIND_ADDRESS, file, env, flags);
        if (bind.isBlank()) {
            throw new OperatorError(ExitCodes.CONFIG, BIND_KEY + " must not be empty");
        }
        return new Settings(configFile == null ? "defaults of the command line" : configFile.toString(),
                Map.copyOf(managerFile), Map.copyOf(env), Map.copyOf(managerFlags), bind,
                port(layered(PORT_KEY, String.valueOf(DEFAULT_PORT), file, env, flags)));
    }

    private static String layered(String key, String defaultValue, Map<String, String> file, Map<String, String> env,
                                  Map<String, String> flags) {
        String envName = key.equals(PORT_KEY) ? PORT_ENV : BIND_ENV;
        String value = defaultValue;
        if (file.containsKey(key)) {
            value = file.get(key);
        }
        if (env.containsKey(envName)) {
            value = env.get(envName);
        }
        if (flags.containsKey(key)) {
            value = flags.get(key);
        }
        return value.trim();
    }

    private static int port(String raw) {
        try {
            int port = Integer.parseInt(raw);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new OperatorError(ExitCodes.CONFIG, PORT_KEY + " (" + PORT_ENV + ", --port) must be a port number "
                + "from 0 to 65535, not '" + raw + "'");
    }

    /** A builder with the manager's layers: CLI defaults and the file, the environment, the flags. */
    PipelineManagerBuilder builder() {
        return PipelineManager.builder().configFile(fileName, fileLayer).environment(env).properties(flags);
    }

    String bindAddress() {
        return bindAddress;
    }

    int port() {
        return port;
    }
}
