package io.pipelinemanager.core.internal.config;

import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the manager's configuration into {@link ManagerSettings} with SmallRye Config, from layers
 * of rising priority: defaults ({@link ConfigKey}) &lt; configuration file &lt; environment &lt;
 * system properties &lt; explicit settings (the builder's methods).
 * <ul>
 *   <li>What a host hands over explicitly — the file and the explicit settings — is checked strictly:
 *       an unknown {@code pm.*} key there (in the explicit layer: any unknown key) is
 *       {@code InvalidConfig} naming it, so a typo never passes silently. Other keys of a file are
 *       left alone (a file may be shared).</li>
 *   <li>What is picked up from the process — environment variables and system properties, both
 *       opt-in ({@code null} layers are not read) — contributes only the keys the manager knows
 *       ({@code PM_DB_URL}, {@code pm.db.url}); anything else there, {@code PM_*} or {@code pm.*},
 *       belongs to someone else and is ignored, so it never stops a host (a name one or two edits
 *       away from a key's is logged as a warning: probably a typo).</li>
 *   <li>A value of the wrong form is {@code InvalidConfig} naming the key, the value, where it came
 *       from and {@link ConfigKey#expected() the form expected}.</li>
 * </ul>
 */
public final class ManagerConfig {

    private static final Logger LOG = LoggerFactory.getLogger(ManagerConfig.class);

    private static final int FILE_ORDINAL = 250;
    private static final int ENV_ORDINAL = 300;
    private static final int SYSTEM_ORDINAL = 350;
    private static final int EXPLICIT_ORDINAL = 400;
    private static final int STRICT_BOOLEAN_PRIORITY = 200;
    private static final int TYPO_DISTANCE = 2;

    private ManagerConfig() {
    }

    /**
     * The layers of one configuration, lowest first; {@code fileName} names the file in errors,
     * {@code environment} / {@code systemProperties} are {@code null} when not read.
     */
    public record Layers(String fileName, Map<String, String> file, Map<String, String> environment,
                         Map<String, String> systemProperties, Map<String, String> explicit) {

        /** Only explicit settings (tests and tools). */
        public static Layers explicit(Map<String, String> explicit) {
            return new Layers(null, Map.of(), null, null, explicit);
        }
    }

    /** Checks the layers and maps them to typed settings. */
    public static ManagerSettings load(Layers layers) {
        List<String> unknown = new ArrayList<>();
        layers.file().keySet().stream().filter(k -> k.startsWith("pm.") && ConfigKey.byKey(k).isEmpty()).sorted()
                .forEach(k -> unknown.add(k + " (file " + layers.fileName() + ")"));
        layers.explicit().keySet().stream().filter(k -> ConfigKey.byKey(k).isEmpty()).sorted()
                .forEach(k -> unknown.add(k + " (builder)"));
        if (!unknown.isEmpty()) {
            throw new ManagerException(ErrorCode.InvalidConfig, "Unknown configuration keys: " + unknown,
                    Map.of("unknown_keys", List.copyOf(unknown),
                            "known_keys", Arrays.stream(ConfigKey.values()).map(ConfigKey::key).toList()));
        }
        List<Source> sources = sources(layers);
        try {
            return new SmallRyeConfigBuilder()
                    .withDefaultValues(Arrays.stream(ConfigKey.values())
                            .collect(Collectors.toMap(ConfigKey::key, ConfigKey::defaultValue)))
                    .withSources(sources.stream()
                            .<ConfigSource>map(s -> new PropertiesConfigSource(s.values(), s.name(), s.ordinal())).toList())
                    .withConverter(Boolean.class, STRICT_BOOLEAN_PRIORITY, new SettingConverters.StrictBoolean())
                    .withMapping(ManagerSettings.class)
                    .build()
                    .getConfigMapping(ManagerSettings.class);
        } catch (ConfigValidationException e) {
            throw invalid(e, sources);
        }
    }

    /** The pairs of a properties file (UTF-8); a file that cannot be read is {@code InvalidConfig}. */
    public static Map<String, String> readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new ManagerException(ErrorCode.InvalidConfig, "Cannot read configuration file " + file + ": " + e.getMessage(),
                    Map.of("file", file.toString()));
        }
        Map<String, String> values = new TreeMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
        return values;
    }

    /** One layer with the manager's keys only, and how to name where a value came from. */
    private record Source(String name, int ordinal, Map<String, String> values, boolean byEnvName) {

        String origin(ConfigKey key) {
            return byEnvName ? name + " " + key.envName() : name;
        }
    }

    private static List<Source> sources(Layers layers) {
        List<Source> sources = new ArrayList<>();
        sources.add(new Source("file " + layers.fileName(), FILE_ORDINAL, known(layers.file()), false));
        if (layers.environment() != null) {
            Map<String, String> env = new LinkedHashMap<>();
            for (ConfigKey key : ConfigKey.values()) {
                Optional.ofNullable(layers.environment().get(key.envName())).ifPresent(v -> env.put(key.key(), v));
            }
            hintAtTypos("Environment variable", layers.environment().keySet().stream()
                    .filter(n -> n.startsWith("PM_") && ConfigKey.byEnvName(n).isEmpty()).toList(), ConfigKey::envName);
            sources.add(new Source("environment variable", ENV_ORDINAL, env, true));
        }
        if (layers.systemProperties() != null) {
            hintAtTypos("System property", layers.systemProperties().keySet().stream()
                    .filter(n -> n.startsWith("pm.") && ConfigKey.byKey(n).isEmpty()).toList(), ConfigKey::key);
            sources.add(new Source("system property", SYSTEM_ORDINAL, known(layers.systemProperties()), false));
        }
        sources.add(new Source("builder", EXPLICIT_ORDINAL, known(layers.explicit()), false));
        return sources;
    }

    /**
     * The process's own {@code PM_*} variables and {@code pm.*} properties are ignored, not refused; one that
     * is a typo of a key's name (at most {@value #TYPO_DISTANCE} edits away) is worth a warning, the others a
     * debug line.
     */
    private static void hintAtTypos(String what, List<String> ignored, Function<ConfigKey, String> nameOf) {
        LevenshteinDistance distance = new LevenshteinDistance(TYPO_DISTANCE);
        List<String> unrelated = new ArrayList<>();
        for (String name : ignored.stream().sorted().toList()) {
            Optional<String> near = Arrays.stream(ConfigKey.values()).map(nameOf)
                    .filter(known -> distance.apply(name, known) >= 0)
                    .min(Comparator.comparingInt(known -> distance.apply(name, known)));
            if (near.isPresent()) {
                LOG.warn("{} {} is not a configuration key of the manager and is ignored; did you mean {}?",
                        what, name, near.get());
            } else {
                unrelated.add(name);
            }
        }
        if (!unrelated.isEmpty()) {
            LOG.debug("{} ignored (not configuration keys of the manager): {}", what, unrelated);
        }
    }

    private static Map<String, String> known(Map<String, String> values) {
        Map<String, String> known = new LinkedHashMap<>();
        values.forEach((k, v) -> ConfigKey.byKey(k).ifPresent(key -> known.put(k, v)));
        return known;
    }

    /**
     * SmallRye reports each rejected value as a message naming the property; the key, its value and
     * where it came from are taken from the layers (the highest one that sets it wins, as in SmallRye).
     */
    private static ManagerException invalid(ConfigValidationException e, List<Source> sources) {
        List<Map<String, String>> problems = new ArrayList<>();
        List<String> unexplained = new ArrayList<>();
        for (int i = 0; i < e.getProblemCount(); i++) {
            String message = e.getProblem(i).getMessage();
            Optional<ConfigKey> key = Arrays.stream(ConfigKey.values())
                    .filter(k -> Pattern.compile("(?<![\\w.-])" + Pattern.quote(k.key()) + "(?![\\w.-])").matcher(message).find())
                    .max(Comparator.comparingInt(k -> k.key().length()));
            if (key.isEmpty()) {
                unexplained.add(message);
                continue;
            }
            Source source = sources.stream().filter(s -> s.values().containsKey(key.get().key()))
                    .max(Comparator.comparingInt(Source::ordinal)).orElse(null);
            problems.add(Map.of("key", key.get().key(),
                    "value", source == null ? key.get().defaultValue() : source.values().get(key.get().key()),
                    "expected", key.get().expected(),
                    "source", source == null ? "default" : source.origin(key.get())));
        }
        if (problems.isEmpty()) {
            return new ManagerException(ErrorCode.InvalidConfig, "Invalid configuration: " + String.join("; ", unexplained),
                    Map.of("problems", List.copyOf(unexplained)), e);
        }
        String message = problems.stream()
                .map(p -> "Configuration key " + p.get("key") + " must be " + p.get("expected") + ", not '" + p.get("value")
                        + "' (" + p.get("source") + ")")
                .distinct().collect(Collectors.joining("; "));
        Map<String, Object> details = new LinkedHashMap<>(problems.get(0));
        if (problems.size() > 1) {
            details.put("invalid_keys", problems.stream().map(p -> p.get("key")).distinct().toList());
        }
        return new ManagerException(ErrorCode.InvalidConfig, message, details, e);
    }
}
