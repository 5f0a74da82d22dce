package io.pipelinemanager.war.boot;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The configuration keys only the WAR reads (through MP Config: system properties, server variables,
 * {@code microprofile-config.properties}, or the environment variable of the same name, e.g.
 * {@code PM_SERVER_DATASOURCE}). The core's keys are the core's ({@code PipelineManagerBuilder}); the
 * WAR hands every other {@code pm.*} key it sees to the builder, which refuses unknown ones.
 */
public enum WarConfigKey {
    /** JNDI name of the container data source. */
    SERVER_DATASOURCE(DataSources.JNDI_KEY, DataSources.DEFAULT_JNDI_NAME,
            "JNDI name of the container data source the WAR hands to the manager"),
    /** Browser origins allowed to call the REST API cross-origin. */
    HTTP_CORS_ALLOWED_ORIGINS("pm.http.cors.allowed-origins", "",
            "comma-separated browser origins (https://host[:port]) allowed to call the REST API cross-origin; "
                    + "empty: CORS is off");

    private final String key;
    private final String defaultValue;
    private final String description;

    WarConfigKey(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** The property name, e.g. {@code pm.server.datasource}. */
    public String key() {
        return key;
    }

    /** The value used when nothing sets the key. */
    public String defaultValue() {
        return defaultValue;
    }

    /** One line for documentation. */
    public String description() {
        return description;
    }

    /** The environment variable that sets this key through MP Config, e.g. {@code PM_SERVER_DATASOURCE}. */
    public String envName() {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** The names of all WAR keys. */
    public static Set<String> names() {
        return Arrays.stream(values()).map(WarConfigKey::key).collect(Collectors.toUnmodifiableSet());
    }
}
