package io.pipelinemanager.war.it.support;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The credentials of the WildFly ITs: the bootstrap admin API key {@link PrepareItDatabase} created in the
 * IT database before the server started (property {@value #ADMIN_KEY} of the file named by the system
 * property {@value #FILE_PROPERTY}). Without that property (Open Liberty) there is none.
 */
public final class ItCredentials {

    /** The system property naming the properties file. */
    public static final String FILE_PROPERTY = "pm.it.credentials";
    /** The property holding the bootstrap admin key of the default tenant. */
    public static final String ADMIN_KEY = "pm.it.admin-key";

    private ItCredentials() {
    }

    /** The {@code Authorization} header value of the bootstrap admin key, if the ITs have one. */
    public static Optional<String> adminAuthorization() {
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
        return Optional.ofNullable(properties.getProperty(ADMIN_KEY)).filter(k -> !k.isBlank()).map(k -> "Bearer " + k);
    }
}
