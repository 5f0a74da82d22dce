package io.pipelinemanager.embedded.durability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A small client of the REST API for the durability tests. Unlike the shared REST suites' client it lets an
 * {@link IOException} through: a request that got no answer (the server was killed while it was on the wire)
 * is <em>in doubt</em>, which is exactly what these tests must tell apart from an answered one.
 */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** An answer: status, body and the body as JSON (null when it is not a JSON document). */
    record Answer(int status, String body, JsonNode json) {
        boolean ok() {
            return status == 200;
        }

        @Override
        public String toString() {
            return status + " " + (body.length() > 500 ? body.substring(0, 500) + "…" : body);
        }
    }

    /** GET {@code path} (relative to the server's root, e.g. {@code api/pipelines/p}). */
    Answer get(URI base, String path) throws IOException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    /** POST a JSON document (or nothing, when {@code json} is null). */
    Answer postJson(URI base, String path, String json) throws IOException {
        return post(base, path, "application/json", json == null ? "" : json);
    }

    /** POST a body of the given content type. */
    Answer post(URI base, String path, String contentType, String body) throws IOException {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    /** Like {@link #get} but an unanswered request is a test failure, not an outcome. */
    Answer getAnswered(URI base, String path) {
        try {
            return get(base, path);
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + base.resolve(path) + " got no answer", e);
        }
    }

    /** DELETE {@code path}; an unanswered request is a failure. */
    Answer deleteAnswered(URI base, String path) {
        try {
            return send(HttpRequest.newBuilder(base.resolve(path)).DELETE());
        } catch (IOException e) {
            throw new UncheckedIOException("DELETE " + base.resolve(path) + " got no answer", e);
        }
    }

    /** Like {@link #postJson} but an unanswered request is a test failure, not an outcome. */
    Answer postJsonAnswered(URI base, String path, String json) {
        try {
            return postJson(base, path, json);
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + base.resolve(path) + " got no answer", e);
        }
    }

    /**
     * The rows of a snapshot query ({@code GET api/pipelines/{pipeline}/query}, one JSON object per line); a row
     * the answer holds several times (a weight above one) is listed that many times.
     */
    List<JsonNode> query(URI base, String pipeline, String sql) {
        Answer answer = getAnswered(base, "api/pipelines/" + pipeline + "/query?sql=" + URLEncoder.encode(sql, StandardCharsets.UTF_8));
        if (!answer.ok()) {
            throw new AssertionError("query '" + sql + "' failed: " + answer);
        }
        List<JsonNode> rows = new ArrayList<>();
        for (String line : answer.body().split("\n")) {
            if (!line.isBlank()) {
                rows.add(parse(line));
            }
        }
        return rows;
    }

    private Answer send(HttpRequest.Builder request) throws IOException {
        try {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String body = response.body();
            JsonNode json = null;
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (type.startsWith("application/json")) {
                json = parse(body);
            }
            return new Answer(response.statusCode(), body, json);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }
}
