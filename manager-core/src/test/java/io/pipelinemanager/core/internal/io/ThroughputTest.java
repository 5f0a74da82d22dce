package io.pipelinemanager.core.internal.io;

import io.pipelinemanager.core.api.DataFormat;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.io.egress.JsonChangeEncoder;
import io.pipelinemanager.core.internal.io.ingress.Ingress;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/**
 * Prints ingest and egress throughput (records/s) for the 3-column table with 1 million distinct records per
 * format; asserts only the results, never the timings (numbers are recorded in manager-core/docs/data-plane-formats.md).
 */
class ThroughputTest {
    private static final long N = 1_000_000;
    private final RelationShape t = Shapes.threeColumns();

    private static String json(long i) {
        return "{\"insert\": {\"ID\": " + i + ", \"NAME\": \"n" + (i % 100_000) + "\", \"AMOUNT\": " + (i % 10_000) + ".5}}\n";
    }

    private static String csv(long i) {
        return i + ",n" + (i % 100_000) + "," + (i % 10_000) + ".5\n";
    }

    private ZSet ingest(DataFormat f, LongFunction<String> gen, long n, String label) throws IOException {
        GeneratedBody body = new GeneratedBody("", gen, n, "");
        long start = System.nanoTime();
        ZSet z = Ingress.parse(f, t, body, n).toZSet();
        double secs = (System.nanoTime() - start) / 1e9;
        if (label != null) {
            System.out.printf("[io throughput] %s ingest: %d records, %.1f MB in %.2f s = %.0f records/s%n",
                    label, n, body.bytesRead() / 1e6, secs, n / secs);
        }
        return z;
    }

    @Test
    void ingestAndEgressThroughput() throws IOException {
        ingest(DataFormat.JSON, ThroughputTest::json, N / 5, null);
        ingest(DataFormat.CSV, ThroughputTest::csv, N / 5, null);
        ZSet fromJson = ingest(DataFormat.JSON, ThroughputTest::json, N, "JSON");
        ZSet fromCsv = ingest(DataFormat.CSV, ThroughputTest::csv, N, "CSV");
        assertThat(fromJson.size()).isEqualTo((int) N);
        assertThat(fromCsv).isEqualTo(fromJson);

        long[] bytes = {0};
        OutputStream sink = new OutputStream() {
            @Override
            public void write(int b) {
                bytes[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bytes[0] += len;
            }
        };
        long start = System.nanoTime();
        new JsonChangeEncoder(t).writeChanges(fromJson, sink);
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf("[io throughput] JSON egress: %d records, %.1f MB in %.2f s = %.0f records/s%n",
                N, bytes[0] / 1e6, secs, N / secs);
        assertThat(bytes[0]).isGreaterThan(N * 40);
    }
}
