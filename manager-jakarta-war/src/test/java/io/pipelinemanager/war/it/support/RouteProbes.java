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
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Malformed requests for every operation of an OpenAPI document, and the check that each answer is
 * the API's error body: bad JSON, wrong JSON types, missing bodies, wrong or missing content types,
 * duplicate keys, NUL characters, huge numbers, unknown ids and methods a path does not have. New
 * operations are covered as soon as they are in the document.
 */
public final class RouteProbes {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");
    /** A Java package or class name ({@code java.util.X}, {@code org.foo.Bar}) or a stack frame. */
    private static final Pattern LEAK = Pattern.compile(
            "(?<![\\w/])(java|javax|jakarta|sun|org|io|com|net)\\.[a-z_]\\w*\\.|Exception|\\bat [a-z]\\w*\\.[\\w.$]+\\(");
    private static final String HUGE_INTEGER = "9".repeat(40);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI root;
    private final JsonNode document;
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String authorization;

    /** One request: what it is, and the statuses that are acceptable answers. */
    public record Probe(String label, HttpRequest request, Set<Integer> allowed) {
    }

    /** Probes of the operations of {@code openApi} (JSON) against the server whose root URL is {@code root}. */
    public RouteProbes(URI root, String openApi) throws IOException {
        this(root, openApi, null);
    }

    /**
     * Probes sent with {@code authorization} as their {@code Authorization} header (credentials that pass, so the
     * probes reach the operations' own checks; {@code null}: none).
     */
    public RouteProbes(URI root, String openApi, String authorization) throws IOException {
        this.root = root;
        this.document = JSON.readTree(openApi);
        this.authorization = authorization;
    }

    /** All probes of the document's operations. */
    public List<Probe> probes() {
        List<Probe> probes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method.toLowerCase());
                if (operation == null) {
                    String concrete = pathValues(path.getKey(), "nope-" + suffix);
                    probes.add(new Probe(method + " " + path.getKey() + " (not an operation)",
                            request(concrete, "").method(method, HttpRequest.BodyPublishers.ofString("{}"))
                                    .header("Content-Type", "application/json").build(),
                            otherOperation(method, concrete)));
                } else {
                    operationProbes(method, path.getKey(), operation, probes);
                }
            }
        }
        return probes;
    }

    private void operationProbes(String method, String template, JsonNode operation, List<Probe> probes) {
        Set<Integer> documented = new LinkedHashSet<>();
        operation.get("responses").fieldNames().forEachRemaining(code -> documented.add(Integer.parseInt(code)));
        String label = method + " " + template;
        boolean hasPathParams = template.contains("{");
        String query = queryString(operation, Map.of("sql", "SELECT 1"));
        JsonNode body = operation.path("requestBody").path("content");
        String contentType = body.fieldNames().hasNext() ? body.fieldNames().next() : null;
        String validBody = contentType == null ? "" : "{}";

        // Without path parameters or a body there is nothing to get wrong but the method (probed per path).
        List<String> ids = hasPathParams
                ? List.of("nope-" + suffix, UUID.randomUUID().toString(), "a%00b", "x".repeat(300), "%E2%82%AC%F0%9F%92%A5")
                : contentType != null ? List.of("") : List.of();
        for (String id : ids) {
            probes.add(probe(label + " id=" + id, method, pathValues(template, id), query, contentType, validBody, documented));
        }
        String path = pathValues(template, "nope-" + suffix);
        for (Map.Entry<String, String> bad : queryValues(operation).entrySet()) {
            probes.add(probe(label + " " + bad.getKey(), method, path, bad.getValue(), contentType, validBody, documented));
        }
        if (contentType == null) {
            return;
        }
        List<String[]> bodies = new ArrayList<>();
        bodies.add(new String[] {"bad JSON", contentType, "{\"name\": "});
        bodies.add(new String[] {"empty body", contentType, ""});
        bodies.add(new String[] {"NUL bytes", contentType, "{\"name\": \"a\u0000b\"}\u0000"});
        bodies.add(new String[] {"array body", contentType, "[1, 2]"});
        bodies.add(new String[] {"wrong content type", "application/xml", "<name>x</name>"});
        bodies.add(new String[] {"duplicate keys", contentType, "{\"name\": \"a\", \"name\": \"b\"}"});
        JsonNode schema = resolve(body.get(contentType).path("schema"));
        for (Iterator<Map.Entry<String, JsonNode>> fields = schema.path("properties").fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            for (String value : wrongValues(resolve(field.getValue()))) {
                bodies.add(new String[] {field.getKey() + "=" + value, contentType,
                        "{\"" + field.getKey() + "\": " + value + "}"});
            }
        }
        for (String[] b : bodies) {
            probes.add(probe(label + " " + b[0], method, path, query, b[1], b[2], documented));
        }
        HttpRequest noContentType = request(path, query)
                .method(method, HttpRequest.BodyPublishers.ofString("{}")).build();
        probes.add(new Probe(label + " no content type", noContentType, documented));
    }

    /** Values of the wrong JSON type (or out of range, or with NUL) for a property of {@code schema}. */
    private static List<String> wrongValues(JsonNode schema) {
        String type = schema.path("type").asText("object");
        return switch (type) {
            case "string" -> List.of("5", "true", "{}", "[\"x\"]", "\"a\\u0000b\"");
            case "integer" -> List.of("\"7\"", "1.5", "true", HUGE_INTEGER, "-" + HUGE_INTEGER, "1e400");
            case "number" -> List.of("\"7\"", "true", "1e400");
            case "boolean" -> List.of("1", "\"true\"");
            case "array" -> List.of("{}", "\"x\"");
            default -> List.of("\"x\"", "5", "[]");
        };
    }

    /** Bad values of each query parameter (NUL, a huge number, an unknown word). */
    private static Map<String, String> queryValues(JsonNode operation) {
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        for (JsonNode p : operation.path("parameters")) {
            if (!"query".equals(p.path("in").asText())) {
                continue;
            }
            String name = p.get("name").asText();
            // Any text is a well-formed value of a free-text parameter (a filter, say): only NUL and empty are malformed.
            JsonNode schema = p.path("schema");
            boolean freeText = "string".equals(schema.path("type").asText("string")) && !schema.has("enum")
                    && !schema.has("format") && !schema.has("pattern") && !"sql".equals(name);
            for (String value : freeText ? List.of("a\u0000b", "") : List.of("a\u0000b", HUGE_INTEGER, "maybe", "")) {
                Map<String, String> values = new java.util.HashMap<>(Map.of("sql", "SELECT 1"));
                values.put(name, value);
                bad.put(name + "=" + value.replace("\u0000", "\\0"), queryString(operation, values));
            }
        }
        return bad;
    }

    private static String queryString(JsonNode operation, Map<String, String> values) {
        StringBuilder q = new StringBuilder();
        for (JsonNode p : operation.path("parameters")) {
            String name = p.get("name").asText();
            if ("query".equals(p.path("in").asText()) && values.containsKey(name)) {
                q.append(q.isEmpty() ? "?" : "&").append(name).append('=')
                        .append(URLEncoder.encode(values.get(name), StandardCharsets.UTF_8));
            }
        }
        return q.toString();
    }

    private JsonNode resolve(JsonNode schema) {
        JsonNode ref = schema.get("$ref");
        if (ref == null) {
            return schema;
        }
        String name = ref.asText().substring(ref.asText().lastIndexOf('/') + 1);
        return document.path("components").path("schemas").path(name);
    }

    /**
     * The statuses acceptable for {@code method} on a concrete path where the document has no such
     * operation: 405, unless another path template (e.g. {@code /api/programs/{id}} for
     * {@code /api/programs/validate}) has that method and matches, whose documented statuses apply.
     */
    private Set<Integer> otherOperation(String method, String concrete) {
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            JsonNode operation = path.getValue().get(method.toLowerCase());
            if (operation != null && concrete.matches(path.getKey().replaceAll("\\{[^}]+}", "[^/]+"))) {
                Set<Integer> documented = new LinkedHashSet<>();
                operation.get("responses").fieldNames().forEachRemaining(c -> documented.add(Integer.parseInt(c)));
                return documented;
            }
        }
        return Set.of(405);
    }

    private static String pathValues(String template, String id) {
        return template.replaceAll("\\{[^}]+}", id.isEmpty() ? "x" : id);
    }

    private Probe probe(String label, String method, String path, String query, String contentType, String body,
                        Set<Integer> allowed) {
        HttpRequest.Builder b = request(path, query);
        if (contentType != null) {
            b.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return new Probe(label, b.build(), allowed);
    }

    private HttpRequest.Builder request(String path, String query) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(root + path.substring(1) + query))
                .timeout(Duration.ofSeconds(30)).header("Accept", "*/*");
        return authorization == null ? builder : builder.header("Authorization", authorization);
    }

    /**
     * Sends the probe and describes what is wrong with its answer (null when it is a documented client
     * error with the error body and no class name or stack trace in it).
     */
    public String check(Probe probe) {
        HttpResponse<String> response;
        try {
            response = http.send(probe.request(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return probe.label() + ": no answer (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return problem(probe.label(), response, probe.allowed());
    }

    /** What is wrong with an error response (null if nothing): its status, content type, shape or a leak. */
    public static String problem(String label, HttpResponse<String> response, Set<Integer> allowed) {
        String answer = label + " -> " + response.statusCode() + " " + abbreviate(response.body());
        if (response.statusCode() < 400 || response.statusCode() >= 500) {
            return answer + ": not a client error";
        }
        if (!allowed.isEmpty() && !allowed.contains(response.statusCode())) {
            return answer + ": status not documented " + allowed;
        }
        if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
            return answer + ": content type " + response.headers().firstValue("Content-Type").orElse("none");
        }
        if (LEAK.matcher(response.body()).find()) {
            return answer + ": names a Java class or shows a stack trace";
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            Set<String> fields = new LinkedHashSet<>();
            body.fieldNames().forEachRemaining(fields::add);
            if (!fields.equals(Set.of("error_code", "message", "details")) || !body.get("error_code").isTextual()
                    || !body.get("message").isTextual() || !body.get("details").isObject()) {
                return answer + ": not the error body";
            }
        } catch (IOException e) {
            return answer + ": not JSON";
        }
        return null;
    }

    private static String abbreviate(String body) {
        String oneLine = body.replace('\n', ' ');
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }
}
