package io.pipelinemanager.war.it.rest;

import io.pipelinemanager.war.it.support.ApiClient;
import io.pipelinemanager.war.it.support.ApiClient.Reply;
import io.pipelinemanager.war.it.support.LineStream;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Egress streams cannot take the server down: 200 idle subscribers hold no request threads (health
 * still answers at once), idle streams carry keep-alive lines, and once the clients are gone the
 * server notices within seconds: open streams and threads are back to their baseline.
 */
public abstract class EgressTests extends ServerTests {

    private static final int SUBSCRIBERS = 200;
    /** Generous for a 2-core machine; pinned request threads (32 Undertow workers) never answer at all. */
    private static final Duration HEALTH_BOUND = Duration.ofSeconds(2);
    private static final Pattern SUBSCRIPTIONS = Pattern.compile("(?m)^pm_egress_subscriptions(?:\\{[^}]*\\})? ([0-9.Ee+]+)$");
    private static final Pattern THREADS = Pattern.compile("(?m)^jvm_threads_live_threads(?:\\{[^}]*\\})? ([0-9.Ee+]+)$");

    @Test
    public void idleSubscribersHoldNoRequestThreadsAndAreNoticedWhenTheyLeave() throws Exception {
        Reply program = api.post("api/programs", Map.of("name", "egress-" + suffix, "code", DataPlaneTests.SHOP));
        assertThat(program.status()).as(program.toString()).isEqualTo(201);
        api.awaitStatus("api/programs/egress-" + suffix, "SUCCESS");
        String pipeline = "api/pipelines/egress-" + suffix;
        assertThat(api.post("api/pipelines", Map.of("name", "egress-" + suffix, "program", "egress-" + suffix))
                .status()).isEqualTo(201);
        assertThat(api.post(pipeline + "/start").status()).isEqualTo(202);
        api.awaitStatus(pipeline, "RUNNING");
        long baseSubscriptions = metric(api, SUBSCRIPTIONS);
        long baseThreads = metric(api, THREADS);

        List<LineStream> streams = new ArrayList<>();
        try {
            for (int i = 0; i < SUBSCRIBERS; i++) {
                LineStream stream = api.openLines(pipeline + "/egress/totals");
                streams.add(stream);
                assertThat(stream.status()).as("subscriber %d", i).isEqualTo(200);
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> metric(api, SUBSCRIPTIONS) == baseSubscriptions + SUBSCRIBERS);

            long worst = 0;
            for (int i = 0; i < 5; i++) {
                long started = System.nanoTime();
                Reply health = api.get("api/health");
                long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
                assertThat(health.status()).as(health.toString()).isEqualTo(200);
                worst = Math.max(worst, millis);
            }
            System.out.println("[" + getClass().getSimpleName() + "] /api/health with " + SUBSCRIBERS + " idle subscribers: worst of 5 "
                    + worst + " ms");
            assertThat(Duration.ofMillis(worst)).isLessThan(HEALTH_BOUND);

            // A change still reaches every subscriber; idle streams then carry keep-alive lines.
            assertThat(api.post(pipeline + "/ingress/orders", "application/x-ndjson",
                    "{\"insert\": {\"id\": 1, \"customer\": \"ann\", \"amount\": 10}}\n").status()).isEqualTo(200);
            for (LineStream stream : streams) {
                assertThat(stream.next(Duration.ofSeconds(30))).contains("\"step\"");
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> streams.get(0).keepAlives() > 0);
        } finally {
            for (LineStream stream : streams) {
                stream.close();
            }
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> metric(api, SUBSCRIPTIONS) == baseSubscriptions);
        long threads = metric(api, THREADS);
        System.out.println("[" + getClass().getSimpleName() + "] live threads: " + baseThreads + " before, " + threads
                + " after the subscribers left");
        assertThat(threads).isLessThanOrEqualTo(baseThreads + extraThreadsAllowed());
    }

    /**
     * Live threads the server's JVM may have gained once the subscribers left (pools that grew while
     * serving them). A thread per stream would leave {@value #SUBSCRIBERS} or more.
     */
    protected int extraThreadsAllowed() {
        return 10;
    }

    private static long metric(ApiClient api, Pattern pattern) {
        Reply metrics = api.getText("api/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        Matcher m = pattern.matcher(metrics.body());
        assertThat(m.find()).as("metric %s in %s", pattern, metrics.body().length()).isTrue();
        return (long) Double.parseDouble(m.group(1));
    }
}
