package io.pipelinemanager.war.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Every operation of an OpenAPI document against a list of credentials, each answer checked against the
 * exact status the credentials call for. The operations come from the served document, so a new endpoint
 * is covered as soon as it is served; each must declare the role it needs ({@code x-required-role}:
 * {@code none}, {@code authenticated}, {@code viewer}, {@code editor} or {@code admin}).
 *
 * <p>The requests are harmless by construction: path parameters name another tenant's objects (or
 * nothing), bodies are empty objects or only change a description. The status a fully entitled caller
 * gets (the reference) is measured first; then every credential must get exactly: the reference for
 * operations that need no authentication; 401 with a {@code WWW-Authenticate} challenge and the
 * {@code Unauthenticated} body when its credentials are refused; 403 {@code Forbidden} when its role is
 * below the operation's; else the reference. No answer may contain a marker of another tenant's data.
 */
public final class SecurityMatrix {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final List<String> ROLES = List.of("viewer", "editor", "admin");

    /** One operation of the document, made concrete. */
    public record Operation(String method, String template, String requiredRole, Set<Integer> documented,
                            String path, String contentType, String body) {

        /** {@code METHOD /template}. */
        public String label() {
            return method + " " + template;
        }

        /** Whether the path names an object (it must then answer 404 for another tenant's). */
        public boolean namesAnObject() {
            return template.contains("{");
        }
    }

    /**
     * What a credential is: its {@code Authorization} header (null: none), and either the role it holds
     * (viewer, editor, admin) or null when the server must refuse it (401).
     */
    public record Credential(String label, String authorization, String role) {

        /** A credential the server must refuse. */
        public static Credential refused(String label, String authorization) {
            return new Credential(label, authorization, null);
        }
    }

    /** One wrong answer. */
    public record Finding(Operation operation, Credential credential, int status, String problem, String body) {
        @Override
        public String toString() {
            String b = body.replace('\n', ' ');
            return operation.label() + " as " + credential.label() + " -> " + status + ": " + problem
                    + " | " + (b.length() > 200 ? b.substring(0, 200) + "…" : b);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI root;
    private final List<Operation> operations;
    private final Set<String> defaultTenantOnly;

    /**
     * The operations of {@code openApi} (JSON) on the server at {@code root}, with path parameters
     * resolved by {@code pathValue} (parameter name and the path segment before it, e.g.
     * {@code pipelines/id}) to the values the requests use. The credentials checked are all of tenants other
     * than the default one: the operations of {@code defaultTenantOnly} ({@code METHOD /template}, e.g. the
     * server-wide metrics) answer them 403 whatever their role.
     */
    public SecurityMatrix(URI root, String openApi, Function<String, String> pathValue, Set<String> defaultTenantOnly)
            throws IOException {
        this.root = root;
        this.defaultTenantOnly = Set.copyOf(defaultTenantOnly);
        JsonNode document = JSON.readTree(openApi);
        List<Operation> ops = new ArrayList<>();
        document.get("paths").properties().forEach(path -> {
            for (String method : METHODS) {
                JsonNode op = path.getValue().get(method.toLowerCase(Locale.ROOT));
                if (op != null) {
                    ops.add(operation(document, method, path.getKey(), op, pathValue));
                }
            }
        });
        this.operations = List.copyOf(ops);
    }

    /** The operations, in document order. */
    public List<Operation> operations() {
        return operations;
    }

    private static Operation operation(JsonNode document, String method, String template, JsonNode op,
                                       Function<String, String> pathValue) {
        Set<Integer> documented = new LinkedHashSet<>();
        op.get("responses").fieldNames().forEachRemaining(code -> documented.add(Integer.parseInt(code)));
        String role = op.path("x-required-role").asText(null);
        String[] segments = template.split("/");
        StringBuilder path = new StringBuilder();
        for (int i = 1; i < segments.length; i++) {
            String s = segments[i];
            path.append('/').append(s.startsWith("{")
                    ? URLEncoder.encode(pathValue.apply(segments[i - 1] + "/" + s.substring(1, s.length() - 1)),
                    StandardCharsets.UTF_8)
                    : s);
        }
        StringBuilder query = new StringBuilder();
        for (JsonNode p : op.path("parameters")) {
            if ("query".equals(p.path("in").asText()) && p.path("required").asBoolean(false)) {
                query.append(query.isEmpty() ? "?" : "&").append(p.get("name").asText()).append('=')
                        .append(URLEncoder.encode("sql".equals(p.get("name").asText()) ? "SELECT 1" : "x",
                                StandardCharsets.UTF_8));
            }
        }
        JsonNode content = op.path("requestBody").path("content");
        String contentType = content.has("application/json") ? "application/json"
                : content.fieldNames().hasNext() ? content.fieldNames().next() : null;
        String body = contentType == null ? null : harmlessBody(document, method, contentType, content.get(contentType));
        return new Operation(method, template, role, documented, path.substring(1) + query, contentType, body);
    }

    /** An empty object, or for updates a new description only (an update without changes may be refused before lookup). */
    private static String harmlessBody(JsonNode document, String method, String contentType, JsonNode media) {
        if (!contentType.contains("json")) {
            return "";
        }
        JsonNode schema = media.path("schema");
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            schema = document.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        if ("PATCH".equals(method) && schema.path("properties").has("description")) {
            return "{\"description\": \"changed by the security matrix\"}";
        }
        return "{}";
    }

    /** Sends {@code operation} with {@code authorization} (null: no header). */
    public HttpResponse<String> send(Operation operation, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(root.resolve(operation.path()))
                .timeout(Duration.ofSeconds(30)).header("Accept", "*/*");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (operation.contentType() != null) {
            b.header("Content-Type", operation.contentType())
                    .method(operation.method(), HttpRequest.BodyPublishers.ofString(operation.body()));
        } else {
            b.method(operation.method(), HttpRequest.BodyPublishers.noBody());
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(operation.label() + ": no answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * What is wrong with the reference answers (the status an administrator of another tenant gets):
     * an operation without a role, a status the document does not list, an auth refusal, or an object of
     * another tenant that is not answered 404.
     */
    public List<Finding> checkReference(Map<Operation, HttpResponse<String>> reference, Credential admin) {
        List<Finding> findings = new ArrayList<>();
        reference.forEach((op, response) -> {
            int status = response.statusCode();
            String problem = null;
            if (op.requiredRole() == null || !(op.requiredRole().equals("none") || op.requiredRole().equals("authenticated")
                    || ROLES.contains(op.requiredRole()))) {
                problem = "x-required-role missing or unknown: " + op.requiredRole();
            } else if (!op.documented().contains(status)) {
                problem = "status not documented " + op.documented();
            } else if (defaultTenantOnly.contains(op.label())) {
                problem = status == 403 ? refusal(response, "Forbidden") : "only the default tenant may call it: expected 403";
            } else if (status == 401 || status == 403 || status >= 500) {
                problem = "an administrator is refused or fails";
            } else if (op.namesAnObject() && status != 404) {
                problem = "another tenant's object must answer 404 like a missing one";
            }
            if (problem != null) {
                findings.add(new Finding(op, admin, status, problem, response.body()));
            }
        });
        return findings;
    }

    /**
     * Sends every operation with {@code credential} and reports every answer that is not the exact
     * expected one, or that contains one of {@code foreignMarkers} (another tenant's data).
     */
    public List<Finding> check(Credential credential, Map<Operation, HttpResponse<String>> reference,
                               List<String> foreignMarkers) {
        List<Finding> findings = new ArrayList<>();
        for (Operation op : operations) {
            HttpResponse<String> response = send(op, credential.authorization());
            int expected = expected(op, credential, reference.get(op).statusCode(), defaultTenantOnly);
            String problem = null;
            if (response.statusCode() != expected) {
                problem = "expected " + expected;
            } else if (expected == 401) {
                problem = refusal(response, "Unauthenticated");
                if (problem == null && !response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer")) {
                    problem = "401 without a Bearer WWW-Authenticate challenge";
                }
            } else if (expected == 403) {
                problem = refusal(response, "Forbidden");
            }
            if (problem == null) {
                problem = leak(op, response, foreignMarkers);
            }
            if (problem != null) {
                findings.add(new Finding(op, credential, response.statusCode(), problem, response.body()));
            }
        }
        return findings;
    }

    /**
     * Which of {@code foreignMarkers} (another tenant's data) the answer contains, as a finding text, or
     * null. A value the request named itself may be echoed (e.g. in a 404's message) and does not count.
     */
    public static String leak(Operation op, HttpResponse<String> response, List<String> foreignMarkers) {
        for (String marker : foreignMarkers) {
            if (response.body().contains(marker) && !op.path().contains(marker)) {
                return "the answer contains another tenant's data (" + marker + ")";
            }
        }
        return null;
    }

    /**
     * The status {@code credential} (of a tenant other than the default one) must get for {@code op}, given
     * the entitled caller's {@code reference}.
     */
    static int expected(Operation op, Credential credential, int reference, Set<String> defaultTenantOnly) {
        if ("none".equals(op.requiredRole())) {
            return reference;
        }
        if (credential.role() == null) {
            return 401;
        }
        if ("authenticated".equals(op.requiredRole())) {
            return reference;
        }
        if (defaultTenantOnly.contains(op.label())) {
            return 403;
        }
        return ROLES.indexOf(credential.role()) >= ROLES.indexOf(op.requiredRole()) ? reference : 403;
    }

    private static String refusal(HttpResponse<String> response, String errorCode) {
        if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
            return "not the JSON error body";
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            return errorCode.equals(body.path("error_code").asText()) && body.path("details").isObject()
                    && body.path("message").isTextual() ? null : "error_code is not " + errorCode;
        } catch (IOException e) {
            return "not JSON";
        }
    }
}
