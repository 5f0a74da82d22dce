package io.pipelinemanager.war.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A JSON client of the REST API on the JDK's {@link HttpClient}; every call returns status, headers and body.
 * Every request carries the client's {@code Authorization} header (by default the ITs' bootstrap admin key,
 * {@link ItCredentials}, when there is one), unless it was built with one of its own.
 */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;
    private final String authorization;

    /**
     * A client for the application deployed at {@code base} (e.g. {@code http://127.0.0.1:8180/pipeline-manager/}),
     * with the ITs' bootstrap admin key when there is one ({@link ItCredentials}).
     */
    public ApiClient(URI base) {
        this(base, ItCredentials.adminAuthorization().orElse(null));
    }

    /** A client that sends {@code authorization} (e.g. {@code Bearer pm_...}; null: none) as its Authorization header. */
    public ApiClient(URI base, String authorization) {
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
        this.authorization = authorization;
    }

    /** A client of the same application with other credentials ({@code null}: none). */
    public ApiClient as(String authorization) {
        return new ApiClient(base, authorization);
    }

    /** The {@code Authorization} header this client sends, or {@code null}. */
    public String authorization() {
        return authorization;
    }

    /** {@code builder} with this client's {@code Authorization} header (for requests sent by another client). */
    public HttpRequest.Builder withCredentials(HttpRequest.Builder builder) {
        return authorization == null ? builder : builder.setHeader("Authorization", authorization);
    }

    /** A response: status, body text, body as JSON (null unless JSON) and the raw response. */
    public record Reply(int status, String body, JsonNode json, HttpResponse<String> raw) {

        /** The {@code error_code} of an error body. */
        public String errorCode() {
            return json == null ? null : json.path("error_code").asText(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /** GET {@code path} (relative to the application root). */
    public Reply get(String path) {
        return send(request(path).GET().build());
    }

    /** GET {@code path} accepting plain text (e.g. Prometheus metrics). */
    public Reply getText(String path) {
        return send(builder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "text/plain").GET().build());
    }

    /** POST a raw JSON text. */
    public Reply post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** POST an object serialised as JSON. */
    public Reply post(String path, Object body) {
        return post(path, write(body));
    }

    /** POST with no body. */
    public Reply post(String path) {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** Sends any method with a raw body of the given content type. */
    public Reply send(String path, String method, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** PATCH an object serialised as JSON. */
    public Reply patch(String path, Object body) {
        return send(patchRequest(path, body));
    }

    /** PATCH asynchronously, for concurrency tests. */
    public CompletableFuture<Reply> patchAsync(String path, Object body) {
        return http.sendAsync(patchRequest(path, body), HttpResponse.BodyHandlers.ofString()).thenApply(ApiClient::reply);
    }

    /** GET {@code path} accepting any media type (query answers in NDJSON, CSV or text). */
    public Reply getAny(String path) {
        return send(builder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "*/*").GET().build());
    }

    /** POST a raw body of the given content type (ingress). */
    public Reply post(String path, String contentType, String body) {
        return send(path, "POST", contentType, body);
    }

    /** POST a body streamed from {@code body} with chunked transfer encoding (large ingress). */
    public Reply postStream(String path, String contentType, Supplier<InputStream> body) {
        return send(builder(base.resolve(path)).timeout(Duration.ofMinutes(3))
                .header("Accept", "application/json").header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofInputStream(body)).build());
    }

    /** Opens a streamed GET of NDJSON lines (egress); its lines arrive in the background. */
    public LineStream openLines(String path) {
        HttpRequest request = builder(base.resolve(path)).header("Accept", "application/x-ndjson")
                .GET().build();
        return LineStream.open(http, request);
    }

    /** Polls GET {@code path} until its JSON satisfies {@code done}; fails after {@code timeout}. */
    public JsonNode await(String path, Predicate<JsonNode> done, Duration timeout) {
        AtomicReference<Reply> last = new AtomicReference<>();
        try {
            return Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        last.set(get(path));
                        return last.get().json();
                    }, json -> json != null && done.test(json));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("GET " + path + " did not reach the expected state within " + timeout
                    + "; last: " + last.get(), e);
        }
    }

    /** Polls GET {@code path} until its {@code status} field is {@code status} (e.g. a pipeline RUNNING). */
    public JsonNode awaitStatus(String path, String status) {
        return await(path, json -> status.equals(json.path("status").asText()), Duration.ofSeconds(30));
    }

    /** DELETE {@code path}. */
    public Reply delete(String path) {
        return send(request(path).DELETE().build());
    }

    /** GET an absolute URI (outside the API, e.g. the server's own endpoints: without credentials). */
    public Reply getAbsolute(URI uri) {
        return as(null).send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build());
    }

    /** The application root this client talks to. */
    public URI base() {
        return base;
    }

    private HttpRequest patchRequest(String path, Object body) {
        return request(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(write(body))).build();
    }

    private HttpRequest.Builder request(String path) {
        return builder(base.resolve(path)).timeout(Duration.ofSeconds(30)).header("Accept", "application/json");
    }

    /** A request to {@code uri} with this client's Authorization header. */
    private HttpRequest.Builder builder(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri);
        return authorization == null ? b : b.header("Authorization", authorization);
    }

    /** Sends a request as built (no default headers but the client's {@code Authorization}, unless it has its own). */
    public Reply send(HttpRequest request) {
        HttpRequest sent = authorization == null || request.headers().firstValue("Authorization").isPresent()
                ? request : HttpRequest.newBuilder(request, (name, value) -> true).header("Authorization", authorization).build();
        try {
            return reply(http.send(sent, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Reply reply(HttpResponse<String> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        JsonNode json = null;
        if (type.startsWith("application/json") && !response.body().isEmpty()) {
            try {
                json = JSON.readTree(response.body());
            } catch (IOException e) {
                throw new IllegalStateException("Invalid JSON in response: " + response.body(), e);
            }
        }
        return new Reply(response.statusCode(), response.body(), json, response);
    }

    private static String write(Object body) {
        if (body instanceof String s) {
            return s;
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
