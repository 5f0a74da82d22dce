package io.pipelinemanager.core.internal.config;

import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The manager's typed configuration, read with SmallRye Config from layers of rising priority:
 * defaults &lt; properties file &lt; environment ({@code PM_*}) &lt; builder. Unknown {@code pm.*}
 * keys in any layer are rejected, so a typo never passes silently. Environment variables starting
 * with {@code PM_TEST_} or {@code PM_REQUIRE_} belong to the test harness, and {@link #SERVER_LAUNCHER_ENV}
 * to the one-command server's launcher (its JVM inherits them); they are not configuration.
 */
public final class ManagerConfig {

    private static final int FILE_ORDINAL = 250;
    private static final int ENV_ORDINAL = 300;
    private static final int BUILDER_ORDINAL = 400;
    private static final List<String> NON_CONFIG_ENV_PREFIXES = List.of("PM_TEST_", "PM_REQUIRE_");
    /** Read by the one-command server ({@code mvn -Prun package}): its port, bind address and JVM options. */
    public static final Set<String> SERVER_LAUNCHER_ENV = Set.of("PM_HTTP_PORT", "PM_BIND_ADDRESS", "PM_JAVA_OPTS");

    private final SmallRyeConfig config;

    private ManagerConfig(SmallRyeConfig config) {
        this.config = config;
    }

    /** Reads the layers; {@code file} may be null. */
    public static ManagerConfig load(Path file, Map<String, String> env, Map<String, String> overrides) {
        return load(file, Map.of(), env, overrides);
    }

    /** Reads the layers; {@code file} may be null, {@code values} (read by the host) go on top of it. */
    public static ManagerConfig load(Path file, Map<String, String> values, Map<String, String> env,
                                     Map<String, String> overrides) {
        Map<String, String> fileValues = new HashMap<>(file == null ? Map.of() : readFile(file));
        List<String> unknown = new ArrayList<>();
        if (file != null) {
            unknownKeys(fileValues, "file " + file, unknown);
        }
        unknownKeys(values, "configuration values", unknown);
        fileValues.putAll(values);
        unknownKeys(overrides, "builder", unknown);
        env.keySet().stream()
                .filter(name -> name.startsWith("PM_"))
                .filter(name -> NON_CONFIG_ENV_PREFIXES.stream().noneMatch(name::startsWith))
                .filter(name -> !SERVER_LAUNCHER_ENV.contains(name))
                .filter(name -> ConfigKey.byEnvName(name).isEmpty())
                .forEach(name -> unknown.add(name + " (environment)"));
        if (!unknown.isEmpty()) {
            throw new ManagerException(ErrorCode.InvalidConfig, "Unknown configuration keys: " + unknown,
                    Map.of("unknown_keys", List.copyOf(unknown),
                            "known_keys", Arrays.stream(ConfigKey.values()).map(ConfigKey::key).toList()));
        }
        Map<String, String> managerEnv = env.entrySet().stream()
                .filter(e -> ConfigKey.byEnvName(e.getKey()).isPresent())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withDefaultValues(Arrays.stream(ConfigKey.values())
                        .collect(Collectors.toMap(ConfigKey::key, ConfigKey::defaultValue)))
                .withSources(new PropertiesConfigSource(fileValues, "pm-file", FILE_ORDINAL))
                .withSources(new EnvConfigSource(managerEnv, ENV_ORDINAL))
                .withSources(new PropertiesConfigSource(overrides, "pm-builder", BUILDER_ORDINAL))
                .build();
        ManagerConfig loaded = new ManagerConfig(config);
        Arrays.stream(ConfigKey.values()).forEach(loaded::validateType);
        return loaded;
    }

    /** The key's value as text. */
    public String string(ConfigKey key) {
        return config.getOptionalValue(key.key(), String.class).orElse("");
    }

    /** The key's value as an int. */
    public int integer(ConfigKey key) {
        return typed(key, Integer::valueOf, "an integer");
    }

    /** The key's value as a long. */
    public long longValue(ConfigKey key) {
        return typed(key, Long::valueOf, "an integer");
    }

    /** The key's value as a long of at least 1 (a limit). */
    public long positiveLong(ConfigKey key) {
        long value = longValue(key);
        if (value < 1) {
            throw new ManagerException(ErrorCode.InvalidConfig,
                    "Configuration key " + key.key() + " must be at least 1, not " + value,
                    Map.of("key", key.key(), "value", String.valueOf(value)));
        }
        return value;
    }

    /** The key's value as a boolean ({@code true} or {@code false}). */
    public boolean bool(ConfigKey key) {
        return typed(key, ManagerConfig::parseBoolean, "true or false");
    }

    private <T> T typed(ConfigKey key, Function<String, T> parse, String expected) {
        String raw = string(key).trim();
        try {
            return parse.apply(raw);
        } catch (IllegalArgumentException e) {
            throw new ManagerException(ErrorCode.InvalidConfig,
                    "Configuration key " + key.key() + " must be " + expected + ", not '" + raw + "'",
                    Map.of("key", key.key(), "value", raw));
        }
    }

    private void validateType(ConfigKey key) {
        String value = key.defaultValue();
        if (value.equals("true") || value.equals("false")) {
            bool(key);
        } else if (value.matches("-?\\d+")) {
            longValue(key);
        }
    }

    private static Boolean parseBoolean(String raw) {
        if (raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false")) {
            return Boolean.valueOf(raw);
        }
        throw new IllegalArgumentException(raw);
    }

    private static void unknownKeys(Map<String, String> values, String layer, List<String> unknown) {
        values.keySet().stream()
                .filter(k -> k.startsWith("pm.") && ConfigKey.byKey(k).isEmpty())
                .forEach(k -> unknown.add(k + " (" + layer + ")"));
    }

    private static Map<String, String> readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ManagerException(ErrorCode.InvalidConfig, "Cannot read configuration file " + file + ": " + e.getMessage(),
                    Map.of("file", file.toString()));
        }
        Map<String, String> values = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
        return values;
    }
}
