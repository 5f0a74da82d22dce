package io.pipelinemanager.war;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository's LICENSE and the license the OpenAPI document declares are the same: Apache-2.0,
 * with the SPDX {@code identifier} that OpenAPI 3.1 generators require next to the name (the served document is
 * compared with the committed openapi.json by the WildFly IT).
 */
class LicenseTest {

    private static final String SPDX = "Apache-2.0";

    /** Surefire runs in the module directory; the repository root is its parent. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void repositoryLicenseIsTheApacheLicense2() throws IOException {
        Path license = ROOT.resolve("LICENSE");
        assertThat(license).exists();
        String text = Files.readString(license, StandardCharsets.UTF_8);
        assertThat(text.strip()).startsWith("Apache License\n                           Version 2.0, January 2004");
        assertThat(text).contains("TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION", "END OF TERMS AND CONDITIONS");
    }

    @Test
    void openApiAnnotationDeclaresTheSpdxIdentifier() {
        License license = RestApplication.class.getAnnotation(OpenAPIDefinition.class).info().license();
        assertThat(license.identifier()).isEqualTo(SPDX);
        assertThat(license.url()).as("OpenAPI 3.1: identifier and url are mutually exclusive").isEmpty();
    }
}
