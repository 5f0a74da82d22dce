package io.pipelinemanager.core.runner;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.DataFormat;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.PipelineConfig;
import io.pipelinemanager.core.api.PipelineSpec;
import io.pipelinemanager.core.api.PipelineStatus;
import io.pipelinemanager.core.api.ProgramSpec;
import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.api.QueryOutput;
import io.pipelinemanager.core.internal.io.GeneratedBody;
import io.pipelinemanager.core.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

import static io.pipelinemanager.core.runner.LifecycleEndToEndTest.T;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * One request must never take the manager's memory: snapshot queries are bounded in rows and in the
 * intermediate state they build, ingress in bytes per request and in buffered bytes per pipeline.
 */
class DataPlaneLimitsTest {

    private static final String SQL = """
            CREATE TABLE t (id INT NOT NULL, name VARCHAR(40), amount DECIMAL(10, 2));
            CREATE MATERIALIZED VIEW totals AS SELECT name, SUM(amount) AS total FROM t GROUP BY name;
            """;
    private static final LongFunction<String> ROW =
            i -> "{\"insert\": {\"id\": " + i + ", \"name\": \"name-" + i + "\", \"amount\": " + (i % 1000) + ".25}}";

    private PipelineManager manager;

    @AfterEach
    void close() {
        if (manager != null) {
            manager.close();
        }
    }

    private void open(Map<String, String> properties, PipelineConfig config) {
        var builder = PipelineManager.builder().environment(Map.of()).property("pm.db.url", TestDatabases.h2Url())
                .property("pm.compiler.poll-interval-ms", "20").property("pm.runner.reconcile-interval-ms", "20");
        properties.forEach(builder::property);
        manager = builder.build();
        manager.createProgram(T, new ProgramSpec("prog", "", SQL));
        await().atMost(Duration.ofSeconds(60)).until(() -> manager.getProgram(T, "prog").status().isFinal());
        assertThat(manager.getProgram(T, "prog").status()).isEqualTo(ProgramStatus.SUCCESS);
        manager.createPipeline(T, new PipelineSpec("p", "", "prog", config));
        manager.startPipeline(T, "p");
        await().atMost(Duration.ofSeconds(30)).until(() -> manager.getPipeline(T, "p").status() == PipelineStatus.RUNNING);
    }

    private void load(long rows) throws IOException {
        manager.ingress(T, "p", "t", DataFormat.JSON, GeneratedBody.lines(ROW, rows));
        await().atMost(Duration.ofSeconds(30)).until(() -> manager.pipelineStats(T, "p").processedRecords() >= rows);
    }

    private void pause() {
        manager.pausePipeline(T, "p");
        await().atMost(Duration.ofSeconds(30)).until(() -> manager.getPipeline(T, "p").status() == PipelineStatus.PAUSED);
    }

    private static ManagerException failure(ThrowingRunnable action) {
        try {
            action.run();
        } catch (ManagerException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("expected a ManagerException", e);
        }
        throw new AssertionError("expected a ManagerException, but the call succeeded");
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void threeWayCrossJoinOverThreeHundredRowsStopsAtTheMemoryBudgetQuickly() throws Exception {
        open(Map.of(), null);
        load(300);
        long allocatedBefore = allocatedBytes();
        long started = System.nanoTime();
        ManagerException e = failure(() -> manager.query(T, "p", "SELECT a.id, b.id, c.id FROM t a, t b, t c"));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        long allocated = allocatedBytes() - allocatedBefore;

        assertThat(e.code()).as(e.getMessage()).isEqualTo(ErrorCode.QueryLimitExceeded);
        assertThat(e.code().httpStatus()).isEqualTo(422);
        assertThat(e.details()).containsEntry("limit", "max_state_bytes").containsEntry("max_state_bytes", 64L << 20);
        assertThat(e.getMessage()).contains("pm.query.max-state-bytes");
        // 27 million rows would allocate several gigabytes; the budget stops it after a few hundred megabytes at most.
        assertThat(allocated).as("bytes allocated by the query").isLessThan(400L << 20);
        assertThat(millis).as("milliseconds").isLessThan(20_000);

        // The pipeline and the data plane are unharmed.
        assertThat(manager.query(T, "p", "SELECT COUNT(*) FROM t a, t b WHERE a.id = b.id").rows())
                .containsExactly(List.of(300L));
        assertThat(manager.getPipeline(T, "p").status()).isEqualTo(PipelineStatus.RUNNING);
    }

    @Test
    void answersOverTheRowLimitAreRefusedBeforeAnyByteIsWritten() throws Exception {
        open(Map.of("pm.query.max-rows", "5"), null);
        load(10);
        ManagerException e = failure(() -> manager.query(T, "p", "SELECT * FROM t"));
        assertThat(e.code()).isEqualTo(ErrorCode.QueryLimitExceeded);
        assertThat(e.details()).containsEntry("limit", "max_rows").containsEntry("max_rows", 5L);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(failure(() -> manager.writeQuery(T, "p", "SELECT id FROM t", DataFormat.CSV, out)).code())
                .isEqualTo(ErrorCode.QueryLimitExceeded);
        assertThat(out.size()).isZero();
        assertThat(failure(() -> manager.prepareQuery(T, "p", "SELECT id FROM t", DataFormat.JSON)).code())
                .isEqualTo(ErrorCode.QueryLimitExceeded);

        assertThat(manager.query(T, "p", "SELECT id FROM t ORDER BY id LIMIT 5").rows()).hasSize(5);
        // Duplicates count: five rows of the same value are five rows.
        assertThat(failure(() -> manager.query(T, "p", "SELECT 1 FROM t")).code()).isEqualTo(ErrorCode.QueryLimitExceeded);
    }

    @Test
    void preparedAnswerIsCheckedFirstAndThenStreamed() throws Exception {
        open(Map.of(), null);
        load(3);
        QueryOutput answer = manager.prepareQuery(T, "p", "SELECT id, name FROM t ORDER BY id DESC", DataFormat.CSV);
        assertThat(answer.rows()).isEqualTo(3);
        assertThat(answer.format()).isEqualTo("csv");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        answer.writeTo(out);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("id,name\r\n2,name-2\r\n1,name-1\r\n0,name-0\r\n");
        QueryOutput json = manager.prepareQuery(T, "p", "SELECT name FROM t WHERE id = 1", DataFormat.JSON);
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        json.writeTo(lines);
        assertThat(lines.toString(StandardCharsets.UTF_8)).isEqualTo("{\"name\":\"name-1\"}\n");
        assertThat(failure(() -> manager.prepareQuery(T, "p", "SELECT nope FROM t", DataFormat.JSON)).code())
                .isEqualTo(ErrorCode.InvalidQuery);
    }

    @Test
    void smallStateBudgetRefusesJoinsButAnswersFilters() throws Exception {
        open(Map.of("pm.query.max-state-bytes", "200000"), null);
        load(300);
        assertThat(manager.query(T, "p", "SELECT name FROM t WHERE id = 7").rows()).containsExactly(List.of("name-7"));
        ManagerException e = failure(() -> manager.query(T, "p", "SELECT COUNT(*) FROM t a, t b"));
        assertThat(e.code()).isEqualTo(ErrorCode.QueryLimitExceeded);
        assertThat(e.details()).containsEntry("max_state_bytes", 200_000L);
    }

    @Test
    void nonPositiveLimitsAreInvalidConfig() {
        assertThatThrownBy(() -> PipelineManager.builder().environment(Map.of())
                .property("pm.db.url", TestDatabases.h2Url()).property("pm.query.max-rows", "0").build())
                .isInstanceOfSatisfying(ManagerException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.InvalidConfig);
                    assertThat(e.getMessage()).contains("pm.query.max-rows");
                });
    }

    @Test
    void aBodyOverTheRequestLimitIsRefusedAfterReadingNoMoreThanTheLimit() throws Exception {
        open(Map.of("pm.ingress.max-request-bytes", String.valueOf(1 << 20)), null);
        GeneratedBody huge = GeneratedBody.lines(ROW, 10_000_000); // about 700 MB, generated as it is read
        ManagerException e = failure(() -> manager.ingress(T, "p", "t", DataFormat.JSON, huge));
        assertThat(e.code()).isEqualTo(ErrorCode.RequestTooLarge);
        assertThat(e.code().httpStatus()).isEqualTo(413);
        assertThat(e.details()).containsEntry("max_request_bytes", (long) (1 << 20)).containsEntry("table", "t");
        assertThat(huge.bytesRead()).isLessThanOrEqualTo((1 << 20) + 1);
        assertThat(manager.pipelineStats(T, "p").bufferedInputRecords()).isZero();
        String small = ROW.apply(1) + "\n";
        assertThat(manager.ingress(T, "p", "t", DataFormat.JSON, body(small)).records()).isEqualTo(1);
    }

    @Test
    void theDefaultRequestLimitStopsAMultiHundredMegabyteBody() throws Exception {
        open(Map.of(), null);
        GeneratedBody huge = GeneratedBody.lines(ROW, 10_000_000);
        ManagerException e = failure(() -> manager.ingress(T, "p", "t", DataFormat.JSON, huge));
        // The default budget of buffered bytes (128 MiB, estimated) or the request limit (64 MiB), whichever first.
        assertThat(e.code()).isIn(ErrorCode.RequestTooLarge, ErrorCode.BackPressure);
        assertThat(huge.bytesRead()).isLessThanOrEqualTo((64L << 20) + 1);
        assertThat(manager.pipelineStats(T, "p").bufferedInputRecords()).isZero();
    }

    @Test
    void bufferedBytesPerPipelineAreBoundedAndReleasedByTheStep() throws Exception {
        open(Map.of("pm.ingress.max-buffered-bytes", "200000"), null);
        pause();
        assertThat(manager.ingress(T, "p", "t", DataFormat.JSON, GeneratedBody.lines(ROW, 300)).records()).isEqualTo(300);
        ManagerException e = failure(() -> manager.ingress(T, "p", "t", DataFormat.JSON, GeneratedBody.lines(ROW, 700)));
        assertThat(e.code()).isEqualTo(ErrorCode.BackPressure);
        assertThat(e.details()).containsEntry("max_buffered_bytes", 200_000L);
        assertThat(e.getMessage()).contains("bytes");
        assertThat(manager.pipelineStats(T, "p").bufferedInputRecords()).isEqualTo(300);

        manager.startPipeline(T, "p");
        await().atMost(Duration.ofSeconds(30)).until(() -> manager.pipelineStats(T, "p").processedRecords() == 300);
        pause();
        assertThat(manager.ingress(T, "p", "t", DataFormat.JSON, GeneratedBody.lines(i -> ROW.apply(1000 + i), 700)).records())
                .isEqualTo(700);
    }

    @Test
    void aBodyCutMidWayReleasesEverythingItParsed() throws Exception {
        open(Map.of("pm.ingress.max-buffered-bytes", "200000"), null);
        pause();
        for (int attempt = 0; attempt < 3; attempt++) {
            InputStream cut = new CutBody(GeneratedBody.lines(ROW, 1_000_000), 50_000);
            assertThatThrownBy(() -> manager.ingress(T, "p", "t", DataFormat.JSON, cut)).isInstanceOf(IOException.class);
        }
        assertThat(manager.pipelineStats(T, "p").bufferedInputRecords()).isZero();
        // Only possible when the cut bodies released their share of the 200,000-byte budget.
        assertThat(manager.ingress(T, "p", "t", DataFormat.JSON, GeneratedBody.lines(ROW, 700)).records()).isEqualTo(700);
    }

    @Test
    void concurrentBodiesShareOneBudget() throws Exception {
        open(Map.of("pm.ingress.max-buffered-bytes", "200000"), null);
        pause();
        CountDownLatch firstHalfRead = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        GeneratedBody first = GeneratedBody.lines(ROW, 600);
        InputStream held = new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = first.read(b, off, len);
                if (n < 0) {
                    firstHalfRead.countDown();
                    try {
                        finish.await();
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                }
                return n;
            }
        };
        CompletableFuture<Long> pending = CompletableFuture.supplyAsync(() -> {
            try {
                return manager.ingress(T, "p", "t", DataFormat.JSON, held).records();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(firstHalfRead.await(30, TimeUnit.SECONDS)).isTrue();
        // The first body holds its 600 rows while still in flight: 600 more do not fit beside them.
        ManagerException e = failure(() -> manager.ingress(T, "p", "t", DataFormat.JSON,
                GeneratedBody.lines(i -> ROW.apply(1000 + i), 600)));
        assertThat(e.code()).isEqualTo(ErrorCode.BackPressure);
        finish.countDown();
        assertThat(pending.get(30, TimeUnit.SECONDS)).isEqualTo(600);
        assertThat(manager.pipelineStats(T, "p").bufferedInputRecords()).isEqualTo(600);
    }

    private static InputStream body(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A body whose connection breaks after {@code bytes} bytes. */
    private static final class CutBody extends InputStream {
        private final InputStream body;
        private long left;

        CutBody(InputStream body, long bytes) {
            this.body = body;
            this.left = bytes;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                throw new IOException("connection reset by peer");
            }
            int n = body.read(b, off, (int) Math.min(len, left));
            left -= Math.max(0, n);
            return n;
        }
    }
}
