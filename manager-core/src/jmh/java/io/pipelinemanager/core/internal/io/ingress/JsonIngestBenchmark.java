package io.pipelinemanager.core.internal.io.ingress;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelinemanager.core.api.DataFormat;
import io.pipelinemanager.core.internal.engine.TableChanges;
import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.io.RelationShape;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JSON ingest of a batch of Nexmark bids (NDJSON, one raw row object per line, as a Nexmark source writes them)
 * through the product's parser, against raw Jackson over the same bytes:
 * <ul>
 *   <li>{@link #ingress}: {@code Ingress.parse} into {@code TableChanges} (the rows the runner buffers);</li>
 *   <li>{@link #jacksonTyped}: the honest baseline, Jackson's streaming parser building an {@code Object[]} per
 *       bid with the same types ({@code Long}, {@code String}, {@code LocalDateTime} via a java.time formatter,
 *       as jackson-datatype-jsr310 does), without our checks (unknown/duplicate/NOT NULL columns, lengths);</li>
 *   <li>{@link #jacksonTokens}: Jackson's streaming parser with the timestamp left a {@code String} (a lower
 *       bound: no temporal conversion at all);</li>
 *   <li>{@link #jacksonTree}: {@code ObjectMapper.readTree} of every record (a tree, no typed values).</li>
 * </ul>
 * Each benchmark parses the whole batch; throughput is batches per second. The setup checks that the product
 * and the typed baseline read identical values.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JsonIngestBenchmark {
    /** Bids per batch. */
    static final int BIDS = 10_000;
    private static final String[] CHANNELS = {"Google", "Facebook", "Baidu", "Apple"};
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter SQL_TIMESTAMP = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral(' ').append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter();

    /** How a Nexmark source writes {@code date_time}: always with milliseconds. */
    private static final DateTimeFormatter WRITTEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private static final RelationShape BID = RelationShape.of("BID",
            List.of("auction", "bidder", "price", "channel", "url", "date_time", "extra"),
            List.of(SqlType.bigint(), SqlType.bigint(), SqlType.bigint(), SqlType.varchar(-1).asNullable(),
                    SqlType.varchar(-1).asNullable(), SqlType.timestamp(), SqlType.varchar(-1).asNullable()));

    byte[] body;

    /** A deterministic batch of bids: hot auctions and bidders, increasing millisecond times. */
    static byte[] bids(int n, long seed) {
        Random r = new Random(seed);
        StringBuilder s = new StringBuilder(n * 200);
        LocalDateTime t = LocalDateTime.of(2026, 11, 30, 10, 15, 30);
        for (int i = 0; i < n; i++) {
            long auction = 1000 + (r.nextInt(100) < 80 ? r.nextInt(100) : r.nextInt(100_000));
            long bidder = 1000 + (r.nextInt(100) < 80 ? r.nextInt(1000) : r.nextInt(1_000_000));
            long price = 100 + (long) (Math.abs(r.nextGaussian()) * 10_000);
            String channel = CHANNELS[r.nextInt(CHANNELS.length)];
            t = t.plusNanos((1 + r.nextInt(50)) * 1_000_000L);
            s.append("{\"auction\":").append(auction)
                    .append(",\"bidder\":").append(bidder)
                    .append(",\"price\":").append(price)
                    .append(",\"channel\":\"").append(channel)
                    .append("\",\"url\":\"https://www.nexmark.com/").append(channel.toLowerCase()).append("/item.htm?query=1&channel_id=")
                    .append(r.nextInt(1 << 30))
                    .append("\",\"date_time\":\"").append(WRITTEN.format(t))
                    .append("\",\"extra\":\"").append(i % 10 == 0 ? "x".repeat(20 + r.nextInt(40)) : "")
                    .append("\"}\n");
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Setup
    public void setup() throws IOException {
        body = bids(BIDS, 42);
        TableChanges ours = ingress();
        List<Object[]> theirs = jacksonTyped();
        if (ours.size() != BIDS || theirs.size() != BIDS) {
            throw new IllegalStateException("expected " + BIDS + " bids, got " + ours.size() + " and " + theirs.size());
        }
        for (int i = 0; i < BIDS; i++) {
            Object[] row = new Object[BID.size()];
            for (int c = 0; c < row.length; c++) {
                row[c] = ours.row(i).get(c);
            }
            if (!Arrays.equals(row, theirs.get(i))) {
                throw new IllegalStateException("bid " + i + ": ingress read " + Arrays.toString(row)
                        + ", Jackson " + Arrays.toString(theirs.get(i)));
            }
        }
    }

    @Benchmark
    public TableChanges ingress() throws IOException {
        return Ingress.parse(DataFormat.JSON, BID, new ByteArrayInputStream(body), Long.MAX_VALUE);
    }

    @Benchmark
    public List<Object[]> jacksonTyped() throws IOException {
        return jackson(true);
    }

    @Benchmark
    public List<Object[]> jacksonTokens() throws IOException {
        return jackson(false);
    }

    @Benchmark
    public List<JsonNode> jacksonTree() throws IOException {
        List<JsonNode> out = new ArrayList<>(BIDS);
        try (JsonParser p = FACTORY.createParser(new ByteArrayInputStream(body))) {
            while (p.nextToken() != null) {
                out.add(MAPPER.readTree(p));
            }
        }
        return out;
    }

    private List<Object[]> jackson(boolean convertTimestamps) throws IOException {
        List<Object[]> out = new ArrayList<>(BIDS);
        try (JsonParser p = FACTORY.createParser(new ByteArrayInputStream(body))) {
            while (p.nextToken() == JsonToken.START_OBJECT) {
                Object[] row = new Object[7];
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken v = p.nextToken();
                    switch (name) {
                        case "auction" -> row[0] = p.getLongValue();
                        case "bidder" -> row[1] = p.getLongValue();
                        case "price" -> row[2] = p.getLongValue();
                        case "channel" -> row[3] = v == JsonToken.VALUE_NULL ? null : p.getText();
                        case "url" -> row[4] = v == JsonToken.VALUE_NULL ? null : p.getText();
                        case "date_time" -> row[5] = convertTimestamps
                                ? LocalDateTime.parse(p.getText(), SQL_TIMESTAMP) : p.getText();
                        case "extra" -> row[6] = v == JsonToken.VALUE_NULL ? null : p.getText();
                        default -> throw new IOException("unknown field " + name);
                    }
                }
                out.add(row);
            }
        }
        return out;
    }
}
