package io.pipelinemanager.embedded.cli;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Reads a {@code --config} file into flat keys: {@code .yaml}/{@code .yml} with SnakeYAML Engine (nested
 * mappings are joined with dots, so {@code pm: {db: {url: …}}} and {@code pm.db.url: …} are the same key),
 * anything else as a Java properties file. Every problem is an {@link OperatorError} with exit code
 * {@link ExitCodes#CONFIG} naming the file (and line, for YAML).
 */
final class ConfigFiles {

    private ConfigFiles() {
    }

    static Map<String, String> read(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return name.endsWith(".yaml") || name.endsWith(".yml") ? yaml(file, reader) : properties(file, reader);
        } catch (NoSuchFileException e) {
            throw error(file, "no such file");
        } catch (MalformedInputException e) {
            throw error(file, "not UTF-8 text");
        } catch (IOException e) {
            throw error(file, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static Map<String, String> properties(Path file, Reader reader) throws IOException {
        Properties properties = new Properties();
        try {
            properties.load(reader);
        } catch (IllegalArgumentException e) {
            throw error(file, e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key).trim()));
        return values;
    }

    private static Map<String, String> yaml(Path file, Reader reader) {
        Object document;
        try {
            document = new Load(LoadSettings.builder().setLabel(file.toString()).setAllowDuplicateKeys(false).build())
                    .loadFromReader(reader);
        } catch (MarkedYamlEngineException e) {
            String where = e.getProblemMark().map(m -> "line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1) + ": ")
                    .orElse("");
            throw error(file, where + e.getProblem());
        } catch (YamlEngineException e) {
            throw error(file, e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        if (document == null) {
            return values;
        }
        if (!(document instanceof Map<?, ?> root)) {
            throw error(file, "the document must be a mapping of keys to values");
        }
        flatten(file, "", root, values);
        return values;
    }

    private static void flatten(Path file, String prefix, Map<?, ?> mapping, Map<String, String> into) {
        for (Map.Entry<?, ?> entry : mapping.entrySet()) {
            String key = prefix + entry.getKey();
            Object value = entry.getValue();
            if (value instanceof Map<?, ?> nested) {
                flatten(file, key + ".", nested, into);
            } else if (value instanceof List<?>) {
                throw error(file, "key " + key + ": lists are not configuration values");
            } else if (value == null) {
                throw error(file, "key " + key + " has no value");
            } else if (into.put(key, value.toString()) != null) {
                throw error(file, "key " + key + " is set twice");
            }
        }
    }

    private static OperatorError error(Path file, String reason) {
        return new OperatorError(ExitCodes.CONFIG, "Bad configuration file " + file + ": " + reason);
    }
}
