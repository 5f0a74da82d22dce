package io.pipelinemanager.samples.nexmark.flink;

import io.pipelinemanager.samples.nexmark.NexmarkBenchmark;
import io.pipelinemanager.samples.nexmark.NexmarkBenchmark.Meter;
import io.pipelinemanager.samples.nexmark.NexmarkBenchmark.Result;
import io.pipelinemanager.samples.nexmark.NexmarkGenerator;
import io.pipelinemanager.samples.nexmark.NexmarkGenerator.Auction;
import io.pipelinemanager.samples.nexmark.NexmarkGenerator.Bid;
import io.pipelinemanager.samples.nexmark.NexmarkGenerator.Person;
import io.pipelinemanager.samples.nexmark.NexmarkOracle;
import io.pipelinemanager.samples.nexmark.NexmarkQueries;
import io.pipelinemanager.samples.nexmark.NexmarkQueries.Query;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.functions.sink.RichSinkFunction;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a Nexmark query on Apache Flink (a MiniCluster in this JVM, parallelism 1, the heap state backend) over the
 * same events as ours, for {@link NexmarkBenchmark}'s side-by-side table.
 *
 * <p>The job: a sequence 0 … events − 1, an operator that turns number n into the generator's event n and sends it
 * to the person, auction or bid stream (each with event-time watermarks on {@code date_time}, which the generator
 * keeps increasing), the three streams as tables ({@code date_time} their row-time attribute, so the window
 * table functions apply), q13's side input as a fourth, the query's Flink text, and its changelog applied to a
 * multiset of rows in the sink. The clocks run from the moment the event operator opens (the cluster is up and the
 * job deployed) until the sink has seen the end of input, so neither the cluster's start nor its shutdown is
 * counted; the process CPU time in between includes every Flink thread, the garbage collector and the JIT, as on
 * our side. Flink settings follow Flink's own Nexmark set-up where it applies to one slot: mini-batches of up to
 * 5 000 rows or 1 s, object reuse, state on the heap.
 *
 * <p>The final rows are compared with the H2 oracle like ours, so that the table never compares a fast wrong answer.
 */
public final class FlinkNexmark implements NexmarkBenchmark.Engine {

    /** What the job's own operators report back to the benchmark, by run. */
    static final Map<String, Probe> PROBES = new ConcurrentHashMap<>();

    /** The clocks of one run, started by the event operator, stopped by the sink; and the sink's multiset. */
    static final class Probe {
        volatile long wallStart;
        volatile long cpuStart;
        volatile long wallEnd;
        volatile long cpuEnd;
        volatile long peakHeap;
        final Map<Row, Long> rows = new ConcurrentHashMap<>();
        long changes;
    }

    @Override
    public Result run(NexmarkGenerator generator, Query query, long events, List<String> out) throws Exception {
        String run = UUID.randomUUID().toString();
        Probe probe = new Probe();
        PROBES.put(run, probe);
        try {
            Configuration conf = new Configuration();
            conf.set(RestOptions.BIND_PORT, "0");
            conf.set(StateBackendOptions.STATE_BACKEND, "hashmap");
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
            env.getConfig().enableObjectReuse();
            StreamTableEnvironment tables = StreamTableEnvironment.create(env, EnvironmentSettings.inStreamingMode());
            Configuration tableConf = tables.getConfig().getConfiguration();
            tableConf.setString("table.exec.mini-batch.enabled", "true");
            tableConf.setString("table.exec.mini-batch.allow-latency", "1 s");
            tableConf.setString("table.exec.mini-batch.size", "5000");

            SingleOutputStreamOperator<Row> routed = env.fromSequence(0, events - 1)
                    .process(new Events(generator.seed(), run))
                    .returns(PERSON_TYPE)
                    .name("nexmark-events");
            register(tables, "person", routed, PERSON_TYPE, PERSON_COLUMNS);
            register(tables, "auction", routed.getSideOutput(AUCTIONS), AUCTION_TYPE, AUCTION_COLUMNS);
            register(tables, "bid", routed.getSideOutput(BIDS), BID_TYPE, BID_COLUMNS);
            List<Row> side = new ArrayList<>();
            for (NexmarkBenchmark.SideInput s : NexmarkBenchmark.sideInput()) {
                side.add(Row.of(s.id(), s.payload()));
            }
            DataStream<Row> sideStream = env.fromCollection(side,
                    Types.ROW_NAMED(new String[] {"id", "payload"}, Types.LONG, Types.STRING));
            tables.createTemporaryView("side_input", tables.fromDataStream(sideStream));

            Table result = tables.sqlQuery(query.flink());
            tables.toChangelogStream(result).addSink(new Changes(run)).name("nexmark-result");
            env.execute("nexmark-" + query.name());

            long outputRows = 0;
            for (Map.Entry<Row, Long> e : probe.rows.entrySet()) {
                if (e.getValue() < 0) {
                    throw new IllegalStateException("Flink retracted a row it never emitted: " + e.getKey());
                }
                for (long i = 0; i < e.getValue(); i++) {
                    if (out != null) {
                        out.add(NexmarkOracle.canonical(fields(e.getKey())));
                    }
                    outputRows++;
                }
            }
            double seconds = (probe.wallEnd - probe.wallStart) / 1e9;
            double cpuSeconds = (probe.cpuEnd - probe.cpuStart) / 1e9;
            return new Result("flink", query.name(), events, seconds, cpuSeconds, probe.peakHeap, 0, 0, 0,
                    outputRows, "-", null);
        } catch (Exception e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String message = root.getMessage() == null ? root.toString() : root.getMessage();
            return new Result("flink", query.name(), events, 0, 0, 0, 0, 0, 0, 0, "-",
                    message.lines().findFirst().orElse(message));
        } finally {
            PROBES.remove(run);
        }
    }

    private static List<Object> fields(Row row) {
        List<Object> values = new ArrayList<>(row.getArity());
        for (int i = 0; i < row.getArity(); i++) {
            values.add(row.getField(i));
        }
        return values;
    }

    private static final String[] PERSON_COLUMNS = {"id", "name", "email_address", "credit_card", "city", "state",
            "date_time", "extra"};
    private static final String[] AUCTION_COLUMNS = {"id", "item_name", "description", "initial_bid", "reserve",
            "date_time", "expires", "seller", "category", "extra"};
    private static final String[] BID_COLUMNS = {"auction", "bidder", "price", "channel", "url", "date_time", "extra"};

    static final TypeInformation<Row> PERSON_TYPE = Types.ROW_NAMED(PERSON_COLUMNS, Types.LONG, Types.STRING,
            Types.STRING, Types.STRING, Types.STRING, Types.STRING, Types.LOCAL_DATE_TIME, Types.STRING);
    static final TypeInformation<Row> AUCTION_TYPE = Types.ROW_NAMED(AUCTION_COLUMNS, Types.LONG, Types.STRING,
            Types.STRING, Types.LONG, Types.LONG, Types.LOCAL_DATE_TIME, Types.LOCAL_DATE_TIME, Types.LONG, Types.LONG,
            Types.STRING);
    static final TypeInformation<Row> BID_TYPE = Types.ROW_NAMED(BID_COLUMNS, Types.LONG, Types.LONG, Types.LONG,
            Types.STRING, Types.STRING, Types.LOCAL_DATE_TIME, Types.STRING);

    static final OutputTag<Row> AUCTIONS = new OutputTag<>("auction", AUCTION_TYPE);
    static final OutputTag<Row> BIDS = new OutputTag<>("bid", BID_TYPE);

    /**
     * One table from one stream: the declared types of {@link NexmarkQueries#TABLES}, timestamps with millisecond
     * precision, {@code date_time} the row-time attribute with the stream's watermarks.
     */
    private static void register(StreamTableEnvironment tables, String name, DataStream<Row> stream,
                                 TypeInformation<Row> type, String[] columns) {
        int time = List.of(columns).indexOf("date_time");
        DataStream<Row> timed = stream.assignTimestampsAndWatermarks(WatermarkStrategy.<Row>forMonotonousTimestamps()
                .withTimestampAssigner((row, previous) -> millis((LocalDateTime) row.getField(time))));
        Schema.Builder schema = Schema.newBuilder();
        for (String column : columns) {
            schema.column(column, switch (column) {
                case "date_time", "expires" -> DataTypes.TIMESTAMP(3);
                case "id", "initial_bid", "reserve", "seller", "category", "auction", "bidder", "price" ->
                        DataTypes.BIGINT();
                default -> DataTypes.STRING();
            });
        }
        schema.watermark("date_time", "SOURCE_WATERMARK()");
        tables.createTemporaryView(name, tables.fromDataStream(timed, schema.build()));
    }

    static long millis(LocalDateTime t) {
        return t.toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    /** Number n → the generator's event n, persons on the main output, auctions and bids on side outputs. */
    static final class Events extends ProcessFunction<Long, Row> {
        private final long seed;
        private final String run;
        private transient NexmarkGenerator generator;

        Events(long seed, String run) {
            this.seed = seed;
            this.run = run;
        }

        @Override
        public void open(org.apache.flink.api.common.functions.OpenContext context) {
            generator = new NexmarkGenerator(seed);
            Probe probe = PROBES.get(run);
            Meter.resetHeapPeaks();
            probe.wallStart = System.nanoTime();
            probe.cpuStart = Meter.processCpuNanos();
        }

        @Override
        public void processElement(Long n, Context context, Collector<Row> out) {
            Object event = generator.event(n);
            if (event instanceof Bid b) {
                context.output(BIDS, Row.of(b.auction(), b.bidder(), b.price(), b.channel(), b.url(), b.date_time(),
                        b.extra()));
            } else if (event instanceof Auction a) {
                context.output(AUCTIONS, Row.of(a.id(), a.item_name(), a.description(), a.initial_bid(), a.reserve(),
                        a.date_time(), a.expires(), a.seller(), a.category(), a.extra()));
            } else {
                Person p = (Person) event;
                out.collect(Row.of(p.id(), p.name(), p.email_address(), p.credit_card(), p.city(), p.state(),
                        p.date_time(), p.extra()));
            }
        }
    }

    /** The query's changelog applied to a multiset of rows; stops the clocks when the input ends. */
    static final class Changes extends RichSinkFunction<Row> {
        private final String run;
        private transient Probe probe;

        Changes(String run) {
            this.run = run;
        }

        @Override
        public void open(org.apache.flink.api.common.functions.OpenContext context) {
            probe = PROBES.get(run);
        }

        @Override
        public void invoke(Row change, Context context) {
            RowKind kind = change.getKind();
            Row row = Row.copy(change);
            row.setKind(RowKind.INSERT);
            long delta = kind == RowKind.INSERT || kind == RowKind.UPDATE_AFTER ? 1 : -1;
            probe.rows.merge(row, delta, (a, b) -> a + b == 0 ? null : a + b);
            probe.changes++;
        }

        @Override
        public void finish() {
            probe.cpuEnd = Meter.processCpuNanos();
            probe.wallEnd = System.nanoTime();
            probe.peakHeap = Meter.heapPeak();
        }
    }
}
