package io.pipelinemanager.core.internal.io.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.internal.engine.zset.Rows;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.api.DataFormat;
import io.pipelinemanager.core.internal.io.GeneratedBody;
import io.pipelinemanager.core.internal.io.RelationShape;
import io.pipelinemanager.core.internal.io.Shapes;
import java.io.IOException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Bodies generated on the fly: the record limit trips early, and large bodies stream without being held. */
class StreamingAndLimitsTest {
    private static final long MB = 1 << 20;
    private final RelationShape t = Shapes.threeColumns();

    private static String json(long i) {
        return "{\"insert\": {\"id\": " + (i % 1000) + ", \"name\": \"name" + (i % 1000) + "\", \"amount\": " + (i % 1000) + ".25}}";
    }

    private static String csv(long i) {
        return (i % 1000) + ",\"name " + (i % 1000) + "\"," + (i % 1000) + ".25";
    }

    @Test
    void recordLimitTripsEarlyOnAHugeJsonBody() {
        GeneratedBody body = GeneratedBody.lines(StreamingAndLimitsTest::json, 10_000_000); // ~620 MB
        ManagerException e = catchThrowableOfType(() -> Ingress.parse(DataFormat.JSON, t, body, 1000), ManagerException.class);
        assertThat(e.code()).isEqualTo(ErrorCode.BackPressure);
        assertThat(e.details()).containsEntry("max_records", 1000L).containsEntry("table", "T");
        assertThat(e.getMessage()).contains("exceeds the limit of 1000 records");
        assertThat(body.bytesRead()).isLessThan(MB);
    }

    @Test
    void recordLimitTripsEarlyOnAHugeCsvBody() {
        GeneratedBody body = GeneratedBody.lines(StreamingAndLimitsTest::csv, 25_000_000); // ~500 MB
        ManagerException e = catchThrowableOfType(() -> Ingress.parse(DataFormat.CSV, t, body, 500), ManagerException.class);
        assertThat(e.code()).isEqualTo(ErrorCode.BackPressure);
        assertThat(body.bytesRead()).isLessThan(MB);
    }

    @Test
    void exactlyTheLimitIsAccepted() throws IOException {
        ZSet z = Ingress.parse(DataFormat.CSV, t, GeneratedBody.lines(StreamingAndLimitsTest::csv, 3000), 3000).toZSet();
        assertThat(z.totalWeight()).isEqualTo(3000);
    }

    @Test
    void largeJsonArrayBodyStreamsWithinLimits() throws IOException {
        long n = 2_500_000; // ~155 MB
        GeneratedBody body = new GeneratedBody("[", i -> (i == 0 ? "" : ",\n") + json(i), n, "]");
        ZSet z = Ingress.parse(DataFormat.JSON, t, body, 10_000_000).toZSet();
        assertThat(body.bytesRead()).isGreaterThan(140 * MB);
        assertThat(z.size()).isEqualTo(1000);
        assertThat(z.totalWeight()).isEqualTo(n);
        assertThat(z.weight(Rows.of(7L, "name7", new BigDecimal("7.25")))).isEqualTo(n / 1000);
    }

    @Test
    void largeCsvBodyStreamsWithinLimits() throws IOException {
        long n = 5_000_000; // ~100 MB
        GeneratedBody body = GeneratedBody.lines(StreamingAndLimitsTest::csv, n);
        ZSet z = Ingress.parse(DataFormat.CSV, t, body, n).toZSet();
        assertThat(body.bytesRead()).isGreaterThan(95 * MB);
        assertThat(z.size()).isEqualTo(1000);
        assertThat(z.weight(Rows.of(999L, "name 999", new BigDecimal("999.25")))).isEqualTo(n / 1000);
    }

    @Test
    void overlongCsvRecordIsRejectedWithoutBufferingTheBody() {
        GeneratedBody body = new GeneratedBody("1,\"", i -> "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx,", 5_000_000, "\",1\n");
        ManagerException e = catchThrowableOfType(() -> Ingress.parse(DataFormat.CSV, t, body, 10), ManagerException.class);
        assertThat(e.code()).isEqualTo(ErrorCode.ParseError);
        assertThat(e.details()).containsEntry("record", 1L);
        assertThat((String) e.details().get("reason")).contains("record longer than " + CsvIngressParser.MAX_RECORD_CHARS);
        assertThat(body.bytesRead()).isLessThan(CsvIngressParser.MAX_RECORD_CHARS + MB);
    }
}
