package io.pipelinemanager.embedded.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * {@code GET /openapi}: the committed {@code openapi.json} of the WAR, which the WildFly integration test
 * keeps equal to what WildFly generates from the resources' annotations (the embedded server serves those same
 * resources). As on WildFly the answer is JSON for {@code ?format=json} or {@code Accept: application/json}
 * and YAML otherwise.
 */
final class OpenApiServlet extends HttpServlet {

    /** Where the document is served, as on WildFly. */
    static final String PATH = "/openapi";
    /** The document on the class path (copied there from the WAR module by the build). */
    static final String RESOURCE = "openapi.json";

    private static final long serialVersionUID = 1L;

    private final byte[] json;
    private final byte[] yaml;

    OpenApiServlet() {
        try (InputStream in = OpenApiServlet.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The OpenAPI document " + RESOURCE + " is missing from the class path");
            }
            json = in.readAllBytes();
            yaml = YAMLMapper.builder()
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .disable(YAMLGenerator.Feature.SPLIT_LINES)
                    .build().writeValueAsBytes(new ObjectMapper().readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException("The OpenAPI document cannot be read", e);
        }
    }

    /** The JSON document exactly as served (also what the CLI's {@code --dump-openapi} may print). */
    static String document() {
        return new String(new OpenApiServlet().json, StandardCharsets.UTF_8);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean asJson = "json".equals(lower(request.getParameter("format")))
                || lower(request.getHeader("Accept")).contains("application/json");
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(asJson ? "application/json" : "application/yaml");
        response.setCharacterEncoding("UTF-8");
        byte[] body = asJson ? json : yaml;
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static String lower(String value) {
        return value == null ? "" : value.toLowerCase(Locale.ROOT);
    }
}
