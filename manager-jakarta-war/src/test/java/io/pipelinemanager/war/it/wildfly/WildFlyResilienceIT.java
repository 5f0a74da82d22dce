package io.pipelinemanager.war.it.wildfly;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinemanager.war.it.support.ApiClient;
import io.pipelinemanager.war.it.support.ApiClient.Reply;
import io.pipelinemanager.war.it.support.GeneratedRecords;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One request must never disable the manager: on WildFly at the one-command server's heap ({@code -Xmx512m},
 * see {@code arquillian.xml}), each request that used to run the server out of memory is answered with a
 * clear error, and afterwards health is UP and a new program compiles and runs. Triggers: a three-way cross
 * join in a snapshot query over a 300-row table (27 million rows), a 600 MB ingress body cut off mid-way by
 * its client, and three 162 MB bodies at once. (A {@code validate} of a very large program belongs here too.)
 */
@EnabledIfSystemProperty(named = "arquillian.launch", matches = "wildfly")
@ExtendWith(ArquillianExtension.class)
class WildFlyResilienceIT {

    private static final String PROGRAM = "CREATE TABLE t (id BIGINT NOT NULL, payload VARCHAR);\n"
            + "CREATE MATERIALIZED VIEW n AS SELECT COUNT(*) AS c FROM t;";
    /** Bytes of one generated record with a 100-character payload and a seven-digit id. */
    private static final int RECORD_BYTES = 143;

    @ArquillianResource
    URL base;

    private ApiClient api;
    private HttpClient http;
    private String suffix;

    /** The WAR exactly as Maven packaged it. */
    @Deployment(testable = false)
    static WebArchive war() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("pm.war")));
    }

    @BeforeEach
    void client() throws Exception {
        api = new ApiClient(base.toURI());
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        suffix = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aThreeWayCrossJoinQueryIsRefusedAndTheServerKeepsWorking() throws Exception {
        String pipeline = startPipeline("cross");
        Reply loaded = api.postStream(pipeline + "/ingress/t", "application/x-ndjson", () -> new GeneratedRecords(300, 10));
        assertThat(loaded.status()).as(loaded.toString()).isEqualTo(200);
        api.await(pipeline + "/stats", s -> s.get("processed_records").asLong() == 300, Duration.ofSeconds(30));

        long started = System.nanoTime();
        Reply cross = api.getAny(pipeline + "/query?sql=" + encode("SELECT a.id, b.id, c.id FROM t a, t b, t c"));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(cross.status()).as(cross.toString()).isEqualTo(422);
        assertThat(cross.errorCode()).isEqualTo("QueryLimitExceeded");
        assertThat(cross.json().get("details").get("limit").asText()).isEqualTo("max_state_bytes");
        assertThat(millis).as("milliseconds to refuse the cross join").isLessThan(15_000);
        System.out.printf("cross join over 300 rows refused in %d ms%n", millis);

        Reply same = api.getAny(pipeline + "/query?format=csv&sql="
                + encode("SELECT COUNT(*) AS c FROM t a, t b WHERE a.id = b.id"));
        assertThat(same.body()).isEqualToIgnoringCase("c\r\n300\r\n");
        assertServerWorks();
    }

    @Test
    void a600MegabyteBodyCutOffMidWayKeepsNothing() throws Exception {
        String pipeline = startPipeline("cut");
        // Cut at 40 MB, below the request limit: the server is parsing when the connection breaks.
        Throwable below = abortedIngress(pipeline, 600_000_000L / RECORD_BYTES, 40_000_000L);
        assertThat(below).as("the client's own abort").isNotNull();
        // Cut at 300 MB, past the 64 MiB request limit: the server refuses at the limit (413) or the
        // connection breaks first; either way nothing is kept.
        abortedIngress(pipeline, 600_000_000L / RECORD_BYTES, 300_000_000L);

        JsonNode stats = api.await(pipeline + "/stats", s -> s.get("buffered_input_records").asLong() == 0,
                Duration.ofSeconds(30));
        assertThat(stats.get("processed_records").asLong()).isZero();
        Reply count = api.getAny(pipeline + "/query?format=csv&sql=" + encode("SELECT COUNT(*) AS c FROM t"));
        assertThat(count.body()).isEqualToIgnoringCase("c\r\n0\r\n");
        // The cut bodies released their share of the input budget: a 30 MB body fits.
        Reply full = api.postStream(pipeline + "/ingress/t", "application/x-ndjson",
                () -> new GeneratedRecords(30_000_000L / RECORD_BYTES, 100));
        assertThat(full.status()).as(full.toString()).isEqualTo(200);
        assertServerWorks();
    }

    @Test
    void threeBodiesOf162MegabytesAtOnceAreRefusedWithoutExhaustingTheHeap() throws Exception {
        String pipeline = startPipeline("three");
        long records = 162_000_000L / RECORD_BYTES;
        List<CompletableFuture<HttpResponse<String>>> bodies = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            bodies.add(http.sendAsync(api.withCredentials(HttpRequest.newBuilder(api.base().resolve(pipeline + "/ingress/t")))
                    .timeout(Duration.ofMinutes(3)).header("Accept", "application/json")
                    .header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedRecords(records, 100))).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        List<String> outcomes = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> body : bodies) {
            try {
                HttpResponse<String> response = body.get(3, TimeUnit.MINUTES);
                outcomes.add(response.statusCode() + " " + response.body());
            } catch (java.util.concurrent.ExecutionException e) {
                // The server answered early and closed the connection while the body was still being sent.
                outcomes.add("connection closed: " + e.getCause());
            }
        }
        System.out.println("three 162 MB bodies: " + outcomes);
        assertThat(outcomes).allSatisfy(o -> assertThat(o).doesNotStartWith("200").doesNotStartWith("500"));
        assertThat(outcomes).anySatisfy(o -> assertThat(o).containsAnyOf("RequestTooLarge", "BackPressure"));
        api.await(pipeline + "/stats", s -> s.get("buffered_input_records").asLong() == 0, Duration.ofSeconds(30));
        assertServerWorks();
    }

    /** Health is UP, and a new program compiles, a new pipeline runs it, takes input and answers a query. */
    private void assertServerWorks() {
        Reply health = api.get("api/health");
        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
        String name = "after-" + UUID.randomUUID().toString().substring(0, 8);
        Reply created = api.post("api/programs", Map.of("name", name,
                "code", "CREATE TABLE k (id INT NOT NULL);\nCREATE MATERIALIZED VIEW s AS SELECT SUM(id) AS total FROM k;"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        api.awaitStatus("api/programs/" + name, "SUCCESS");
        Reply pipeline = api.post("api/pipelines", Map.of("name", name, "program", name));
        assertThat(pipeline.status()).as(pipeline.toString()).isEqualTo(201);
        String path = "api/pipelines/" + name;
        assertThat(api.post(path + "/start").status()).isEqualTo(202);
        api.awaitStatus(path, "RUNNING");
        assertThat(api.post(path + "/ingress/k", "text/csv", "1\n2\n39\n").status()).isEqualTo(200);
        api.await(path + "/stats", s -> s.get("processed_records").asLong() == 3, Duration.ofSeconds(30));
        assertThat(api.getAny(path + "/query?format=csv&sql=" + encode("SELECT total FROM s")).body())
                .isEqualToIgnoringCase("total\r\n42\r\n");
        assertThat(api.post(path + "/shutdown").status()).isEqualTo(202);
        api.awaitStatus(path, "STOPPED");
    }

    /**
     * Streams {@code records} generated records and breaks the body off after {@code cutAtBytes}; returns the
     * client-side failure, or null when the server answered first (then it must be a refusal).
     */
    private Throwable abortedIngress(String pipeline, long records, long cutAtBytes) throws Exception {
        HttpRequest request = api.withCredentials(HttpRequest.newBuilder(api.base().resolve(pipeline + "/ingress/t")))
                .timeout(Duration.ofMinutes(3)).header("Accept", "application/json")
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new CutOff(new GeneratedRecords(records, 100), cutAtBytes)))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
            assertThat(response.body()).contains("RequestTooLarge");
            return null;
        } catch (IOException e) {
            return e;
        }
    }

    private String startPipeline(String kind) {
        String name = kind + "-" + suffix;
        Reply program = api.post("api/programs", Map.of("name", name, "code", PROGRAM));
        assertThat(program.status()).as(program.toString()).isEqualTo(201);
        api.awaitStatus("api/programs/" + name, "SUCCESS");
        Reply created = api.post("api/pipelines", Map.of("name", name, "program", name));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String path = "api/pipelines/" + name;
        assertThat(api.post(path + "/start").status()).isEqualTo(202);
        api.awaitStatus(path, "RUNNING");
        return path;
    }

    private static String encode(String sql) {
        return URLEncoder.encode(sql, StandardCharsets.UTF_8);
    }

    /** A body that fails, as a broken connection would, after {@code limit} bytes. */
    private static final class CutOff extends InputStream {
        private final InputStream body;
        private long left;

        CutOff(InputStream body, long limit) {
            this.body = body;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                throw new IOException("body cut off by the client");
            }
            int n = body.read(b, off, (int) Math.min(len, left));
            left -= Math.max(0, n);
            return n;
        }
    }
}
