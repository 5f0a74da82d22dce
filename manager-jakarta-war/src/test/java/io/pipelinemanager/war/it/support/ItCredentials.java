package io.pipelinemanager.war.it.support;

import io.pipelinemanager.core.api.Caller;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The credentials of the ITs: the bootstrap admin API key {@link PrepareItDatabase} created in the
 * IT database before the server started (property {@value #ADMIN_KEY} of the file named by the system
 * property {@value #FILE_PROPERTY}), or else an admin token of the default tenant from the ITs' OIDC
 * provider ({@link OidcProvider}; the servers run in {@code jwt} mode, arquillian.xml).
 */
public final class ItCredentials {

    /** The system property naming the properties file. */
    public static final String FILE_PROPERTY = "pm.it.credentials";
    /** The property holding the bootstrap admin key of the default tenant. */
    public static final String ADMIN_KEY = "pm.it.admin-key";

    private ItCredentials() {
    }

    /** The admin token of the default tenant from the ITs' OIDC provider, made once per test JVM. */
    private static String adminToken;

    /**
     * The {@code Authorization} header value of the default tenant's administrator: the bootstrap admin key
     * when the ITs have one; else, when the servers run in {@code jwt} mode with the ITs' OIDC provider
     * ({@code pm.it.oidc.port} set), an admin token of that provider valid for the whole run.
     */
    public static Optional<String> adminAuthorization() {
        Optional<String> key = bootstrapKey();
        if (key.isPresent()) {
            return key;
        }
        String port = System.getProperty("pm.it.oidc.port");
        if (port == null || port.isBlank()) {
            return Optional.empty();
        }
        synchronized (ItCredentials.class) {
            if (adminToken == null) {
                adminToken = "Bearer " + OidcProvider.shared().token(Caller.DEFAULT_TENANT, "it-admin",
                        List.of("pm-admins"), Duration.ofHours(3));
            }
            return Optional.of(adminToken);
        }
    }

    private static Optional<String> bootstrapKey() {
        return property(ADMIN_KEY).map(k -> "Bearer " + k);
    }

    /**
     * A property {@link PrepareItDatabase} wrote ({@code pm.ds.driver}, {@code pm.ds.url}, {@value #ADMIN_KEY});
     * empty when the ITs run without that file or the property is blank.
     */
    public static Optional<String> property(String name) {
        String file = System.getProperty(FILE_PROPERTY);
        if (file == null || file.isBlank() || !Files.exists(Path.of(file))) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.ofNullable(properties.getProperty(name)).filter(v -> !v.isBlank());
    }
}
