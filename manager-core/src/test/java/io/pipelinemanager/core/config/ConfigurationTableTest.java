package io.pipelinemanager.core.config;

import io.pipelinemanager.core.PipelineManagerBuilder;
import io.pipelinemanager.core.internal.config.ConfigKey;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's table of configuration keys says what {@link ConfigKey} and the builder do. */
class ConfigurationTableTest {

    /** A row: key | environment variable | builder method | default | meaning. */
    private static final Pattern ROW = Pattern.compile(
            "^\\| `(pm\\.[^`]+)` \\| `([A-Z0-9_]+)` \\| `(\\w+)` \\| ([^|]+) \\| [^|]+ \\|$", Pattern.MULTILINE);

    @Test
    void everyKeyIsInTheReadmeWithItsVariableMethodAndDefault() throws IOException {
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8).replace("\r\n", "\n");
        Set<String> documented = new HashSet<>();
        Matcher m = ROW.matcher(readme);
        while (m.find()) {
            assertThat(documented.add(m.group(1))).as("one row for " + m.group(1)).isTrue();
            ConfigKey key = ConfigKey.byKey(m.group(1)).orElseThrow(() -> new AssertionError("README documents unknown key " + m.group(1)));
            assertThat(m.group(2)).as("environment variable of " + key.key()).isEqualTo(key.envName());
            String method = m.group(3);
            List<Method> methods = Arrays.stream(PipelineManagerBuilder.class.getMethods())
                    .filter(x -> x.getName().equals(method) && x.getParameterCount() == 1).toList();
            assertThat(methods).as("builder method " + method + " of " + key.key()).hasSize(1);
            String defaultValue = documentedDefault(m.group(4).trim());
            if (defaultValue.endsWith("…")) {
                assertThat(key.defaultValue()).as("default of " + key.key())
                        .startsWith(defaultValue.substring(0, defaultValue.length() - 1));
            } else {
                assertThat(defaultValue).as("default of " + key.key()).isEqualTo(key.defaultValue());
            }
        }
        assertThat(documented).containsExactlyInAnyOrderElementsOf(Arrays.stream(ConfigKey.values()).map(ConfigKey::key).toList());
    }

    /** The first code span of the cell, or "" for the words "empty" and "generated". */
    private static String documentedDefault(String cell) {
        Matcher code = Pattern.compile("`([^`]*)`").matcher(cell);
        if (code.find()) {
            return code.group(1);
        }
        assertThat(cell).as("a default without a value").isIn("empty", "generated");
        return "";
    }
}
