package io.pipelinemanager.samples.nexmark;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.Caller;
import io.pipelinemanager.core.api.FaultTolerance;
import io.pipelinemanager.core.api.OnRuntimeError;
import io.pipelinemanager.core.api.Pipeline;
import io.pipelinemanager.core.api.PipelineConfig;
import io.pipelinemanager.core.api.PipelineSpec;
import io.pipelinemanager.core.api.PipelineStats;
import io.pipelinemanager.core.api.PipelineStatus;
import io.pipelinemanager.core.api.Program;
import io.pipelinemanager.core.api.ProgramSpec;
import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.api.PushResult;
import io.pipelinemanager.samples.nexmark.NexmarkGenerator.Auction;
import io.pipelinemanager.samples.nexmark.NexmarkGenerator.Bid;
import io.pipelinemanager.samples.nexmark.NexmarkGenerator.Person;
import io.pipelinemanager.samples.nexmark.NexmarkQueries.Query;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The Nexmark benchmark: runs each query of {@link NexmarkQueries} through an embedded pipeline (the public
 * {@link PipelineManager} facade, in-memory database, {@code fault_tolerance = none}), pushing the generator's
 * events in batches, and reports events per second, events per process-CPU-second, peak and retained heap and
 * the pipeline's state; then checks the view's final contents against H2 ({@link NexmarkOracle}). With
 * {@code -Dnexmark.flink=true} (the Maven profile {@code flink}) it runs every query on Flink too, right after
 * ours, and prints ours / Flink / ratio.
 *
 * <p>Arguments: {@code --events N} (default 200 000), {@code --batch N} (default 10 000), {@code --queries
 * q0,q5,…} (default all), {@code --seed N}, {@code --no-check} (skip the oracle).
 */
public final class NexmarkBenchmark {

    static final Caller CALLER = Caller.unauthenticated();
    static final Duration TIMEOUT = Duration.ofMinutes(10);

    /** A row of q13's side input. */
    public record SideInput(long id, String payload) {
    }

    /** What one engine measured for one query (a refusal: {@code error} set, the numbers 0). */
    public record Result(String engine, String query, long events, double seconds, double cpuSeconds,
                         long peakHeapBytes, long retainedHeapBytes, long stateEntries, long stateBytes,
                         long outputRows, String check, String error) {

        public double eventsPerSecond() {
            return seconds > 0 ? events / seconds : 0;
        }

        public double eventsPerCpuSecond() {
            return cpuSeconds > 0 ? events / cpuSeconds : 0;
        }
    }

    /** Another engine that can run the same queries on the same events (Flink, in the profile {@code flink}). */
    public interface Engine {
        /**
         * Runs {@code query} over events 0 … {@code events} − 1 of {@code generator}; {@code rows}, when not null,
         * receives the final result (canonical rows, see {@link NexmarkOracle#canonical}).
         */
        Result run(NexmarkGenerator generator, Query query, long events, List<String> rows) throws Exception;
    }

    /** q13's side input: ids 0 … 9999 with a short text. */
    public static List<SideInput> sideInput() {
        List<SideInput> rows = new ArrayList<>(NexmarkQueries.SIDE_INPUT_ROWS);
        for (long i = 0; i < NexmarkQueries.SIDE_INPUT_ROWS; i++) {
            rows.add(new SideInput(i, "side-" + i));
        }
        return rows;
    }

    private final PipelineManager manager;
    private final int batch;
    private final boolean appendOnly;

    public NexmarkBenchmark(PipelineManager manager, int batch) {
        this(manager, batch, true);
    }

    /** A benchmark whose event tables are append-only or, with {@code appendOnly} false, keep their rows. */
    public NexmarkBenchmark(PipelineManager manager, int batch, boolean appendOnly) {
        this.manager = manager;
        this.batch = batch;
        this.appendOnly = appendOnly;
    }

    /**
     * A manager for the benchmark: an in-memory database, and the compiler and reconciler polling every 10 ms
     * instead of 200 ms, so that the 21 programs and pipelines do not wait for them.
     */
    public static PipelineManager manager() {
        return PipelineManager.builder()
                .databaseUrl("jdbc:h2:mem:nexmark-" + UUID.randomUUID()
                        + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH")
                .compilerPollInterval(Duration.ofMillis(10))
                .reconcileInterval(Duration.ofMillis(10))
                .build();
    }

    /** Our program for one query: the tables and the query as materialized view {@code name}. */
    public static String program(Query query) {
        return program(query, true);
    }

    /**
     * Our program for one query; with {@code appendOnly} false the event tables are declared without
     * {@code WITH ('append_only' = 'true')}, so they keep their rows (as every table did before the option).
     */
    public static String program(Query query, boolean appendOnly) {
        String tables = appendOnly ? NexmarkQueries.TABLES : NexmarkQueries.TABLES.replace(NexmarkQueries.APPEND_ONLY, "");
        return tables + "CREATE MATERIALIZED VIEW " + query.name() + " AS\n" + query.ours() + ";\n";
    }

    /**
     * Runs one query through a pipeline of its own and returns what it measured; {@code rows}, when not null,
     * receives the view's final contents (canonical rows). A program that does not compile gives a result with
     * the compiler's diagnostics as its error.
     */
    public Result run(NexmarkGenerator generator, Query query, long events, List<String> rows) throws Exception {
        String name = "nexmark-" + query.name() + "-" + UUID.randomUUID().toString().substring(0, 8);
        manager.createProgram(CALLER, new ProgramSpec(name, "Nexmark " + query.name(), program(query, appendOnly)));
        try {
            String diagnostics = awaitCompiled(name);
            if (diagnostics != null) {
                return new Result(engine(), query.name(), events, 0, 0, 0, 0, 0, 0, 0, "-", diagnostics);
            }
            PipelineConfig config = new PipelineConfig(1, batch, 10, 4L * batch, OnRuntimeError.FAIL,
                    FaultTolerance.NONE, PipelineConfig.DEFAULT_CHECKPOINT_INTERVAL_SECS);
            manager.createPipeline(CALLER, new PipelineSpec(name, null, name, config));
            try {
                manager.startPipeline(CALLER, name);
                awaitStatus(name, PipelineStatus.RUNNING);
                List<SideInput> side = sideInput();
                for (int i = 0; i < side.size(); i += batch) {
                    manager.awaitApplied(CALLER, name, manager.insert(CALLER, name, "side_input",
                            side.subList(i, Math.min(side.size(), i + batch))), TIMEOUT);
                }
                Meter meter = Meter.start();
                PushResult previous = null;
                PushResult last = null;
                for (long first = 0; first < events; first += batch) {
                    List<Person> persons = new ArrayList<>();
                    List<Auction> auctions = new ArrayList<>();
                    List<Bid> bids = new ArrayList<>(batch);
                    long end = Math.min(events, first + batch);
                    for (long n = first; n < end; n++) {
                        Object event = generator.event(n);
                        if (event instanceof Bid b) {
                            bids.add(b);
                        } else if (event instanceof Auction a) {
                            auctions.add(a);
                        } else {
                            persons.add((Person) event);
                        }
                    }
                    // Persons and auctions before the bids that may refer to them; all of them usually one step.
                    PushResult pushed = null;
                    if (!persons.isEmpty()) {
                        pushed = manager.insert(CALLER, name, "person", persons);
                    }
                    if (!auctions.isEmpty()) {
                        pushed = manager.insert(CALLER, name, "auction", auctions);
                    }
                    if (!bids.isEmpty()) {
                        pushed = manager.insert(CALLER, name, "bid", bids);
                    }
                    if (previous != null) {
                        manager.awaitApplied(CALLER, name, previous, TIMEOUT); // at most two batches in flight
                    }
                    previous = pushed;
                    last = pushed;
                }
                if (last != null) {
                    manager.awaitApplied(CALLER, name, last, TIMEOUT);
                }
                Meter.Reading reading = meter.stop();
                PipelineStats stats = manager.pipelineStats(CALLER, name);
                long outputRows = 0;
                if (rows != null) {
                    for (List<Object> row : manager.query(CALLER, name, "SELECT * FROM " + query.name()).rows()) {
                        rows.add(NexmarkOracle.canonical(row));
                        outputRows++;
                    }
                }
                return new Result(engine(), query.name(), events, reading.seconds(), reading.cpuSeconds(),
                        reading.peakHeapBytes(), reading.retainedHeapBytes(), stats.stateEntries(),
                        stats.estimatedStateBytes(), outputRows, "-", null);
            } finally {
                manager.shutdownPipeline(CALLER, name);
                awaitStatus(name, PipelineStatus.STOPPED);
                manager.deletePipeline(CALLER, name);
            }
        } finally {
            manager.deleteProgram(CALLER, name);
        }
    }

    private String engine() {
        return appendOnly ? "ours" : "ours-keep";
    }

    /** Null when the program compiled; else its diagnostics, one per line. */
    private String awaitCompiled(String name) throws InterruptedException {
        Instant deadline = Instant.now().plus(TIMEOUT);
        Program program = manager.getProgram(CALLER, name);
        while (!program.status().isFinal()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("program " + name + " still " + program.status());
            }
            Thread.sleep(20);
            program = manager.getProgram(CALLER, name);
        }
        if (program.status() == ProgramStatus.SUCCESS) {
            return null;
        }
        return program.diagnostics().stream()
                .map(d -> d.range() + " " + d.code() + ": " + d.message())
                .collect(Collectors.joining("; "));
    }

    private void awaitStatus(String name, PipelineStatus wanted) throws InterruptedException {
        Instant deadline = Instant.now().plus(TIMEOUT);
        Pipeline pipeline = manager.getPipeline(CALLER, name);
        while (pipeline.status() != wanted) {
            if (pipeline.status() == PipelineStatus.FAILED && wanted != PipelineStatus.FAILED) {
                throw new IllegalStateException("pipeline " + name + " failed: " + pipeline.error().message());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("pipeline " + name + " still " + pipeline.status());
            }
            Thread.sleep(5);
            pipeline = manager.getPipeline(CALLER, name);
        }
    }

    /** Wall clock, process CPU time and heap of one run. */
    public static final class Meter {
        private final long wallStart;
        private final long cpuStart;
        private final long heapBefore;

        private Meter(long wallStart, long cpuStart, long heapBefore) {
            this.wallStart = wallStart;
            this.cpuStart = cpuStart;
            this.heapBefore = heapBefore;
        }

        /** What a run cost: wall and CPU seconds, peak heap (sum of the heap pools' peaks), heap retained. */
        public record Reading(double seconds, double cpuSeconds, long peakHeapBytes, long retainedHeapBytes) {
        }

        /** Collects garbage, resets the heap pools' peaks and starts the clocks. */
        public static Meter start() {
            long before = usedAfterGc();
            resetHeapPeaks();
            return new Meter(System.nanoTime(), processCpuNanos(), before);
        }

        /** Stops the clocks, reads the peaks, then collects garbage to see what the run still holds. */
        public Reading stop() {
            long wall = System.nanoTime() - wallStart;
            long cpu = processCpuNanos() - cpuStart;
            long peak = heapPeak();
            long retained = Math.max(0, usedAfterGc() - heapBefore);
            return new Reading(wall / 1e9, cpu / 1e9, peak, retained);
        }

        /** Resets the peaks of the heap pools (another engine's runner measures with them too). */
        public static void resetHeapPeaks() {
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    pool.resetPeakUsage();
                }
            }
        }

        /** The sum of the heap pools' peaks since {@link #resetHeapPeaks}. */
        public static long heapPeak() {
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            return peak;
        }

        static long usedAfterGc() {
            System.gc();
            System.gc();
            Runtime rt = Runtime.getRuntime();
            return rt.totalMemory() - rt.freeMemory();
        }

        /** CPU time of the whole process (all threads, GC and JIT included). */
        public static long processCpuNanos() {
            java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
            if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
                return sun.getProcessCpuTime();
            }
            throw new IllegalStateException("process CPU time is not available on this JVM");
        }
    }

    public static void main(String[] args) throws Exception {
        long events = 200_000;
        int batch = 10_000;
        long seed = 42;
        boolean check = true;
        int rounds = 1;
        boolean keepTableRows = false;
        List<String> names = java.util.stream.Stream.concat(NexmarkQueries.ALL.stream(), NexmarkQueries.MICRO.stream())
                .map(Query::name).toList();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events" -> events = Long.parseLong(args[++i].replace("_", ""));
                case "--batch" -> batch = Integer.parseInt(args[++i].replace("_", ""));
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--queries" -> names = List.of(args[++i].split(","));
                case "--no-check" -> check = false;
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--keep-table-rows" -> keepTableRows = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (--events N, --batch N, --queries q0,q1, --seed N, --no-check, --rounds N, --keep-table-rows)");
            }
        }
        Engine flink = Boolean.getBoolean("nexmark.flink")
                ? (Engine) Class.forName("io.pipelinemanager.samples.nexmark.flink.FlinkNexmark")
                        .getDeclaredConstructor().newInstance()
                : null;
        PrintStream out = System.out;
        NexmarkGenerator generator = new NexmarkGenerator(seed);
        out.printf(Locale.ROOT, "Nexmark: %,d events (seed %d), batches of %,d, %d cores, max heap %,d MiB, Java %s%n",
                events, seed, batch, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
        NexmarkOracle oracle = null;
        if (check) {
            long t = System.nanoTime();
            oracle = NexmarkOracle.load(generator, events);
            out.printf(Locale.ROOT, "oracle: H2 loaded in %.1f s%n", (System.nanoTime() - t) / 1e9);
        }
        List<Result> ours = new ArrayList<>();
        List<Result> theirs = new ArrayList<>();
        List<Result> kept = new ArrayList<>();
        try (PipelineManager manager = manager()) {
            NexmarkBenchmark benchmark = new NexmarkBenchmark(manager, batch);
            // Warm-up: the JIT and the compiler, on a few events of a simple and a joining query.
            benchmark.run(generator, NexmarkQueries.named("q0"), Math.min(events, 20_000), null);
            benchmark.run(generator, NexmarkQueries.named("q3"), Math.min(events, 20_000), null);
            if (flink != null) {
                flink.run(generator, NexmarkQueries.named("q0"), Math.min(events, 20_000), null);
                flink.run(generator, NexmarkQueries.named("q3"), Math.min(events, 20_000), null);
            }
            NexmarkBenchmark keeping = keepTableRows ? new NexmarkBenchmark(manager, batch, false) : null;
            for (String name : names) {
                Query query = NexmarkQueries.named(name);
                List<Result> oursRounds = new ArrayList<>();
                List<Result> keepRounds = new ArrayList<>();
                List<Result> flinkRounds = new ArrayList<>();
                // Rounds alternate the engines, so that a slow phase of the machine hits all of them.
                for (int round = 0; round < rounds; round++) {
                    oursRounds.add(checked(benchmark, generator, query, events, oracle, out));
                    if (keeping != null) {
                        keepRounds.add(checked(keeping, generator, query, events, oracle, out));
                    }
                    if (flink != null) {
                        List<String> flinkRows = new ArrayList<>();
                        Result f = query.flink() == null
                                ? new Result("flink", name, events, 0, 0, 0, 0, 0, 0, 0, "-", "not run (ours refuses it)")
                                : flink.run(generator, query, events, flinkRows);
                        if (f.error() == null && oracle != null) {
                            f = withCheck(f, check(oracle, query, flinkRows));
                        }
                        flinkRounds.add(f);
                        out.println(line(f));
                    }
                }
                ours.add(median(oursRounds));
                if (keeping != null) {
                    kept.add(median(keepRounds));
                }
                if (flink != null) {
                    theirs.add(median(flinkRounds));
                }
            }
        } finally {
            if (oracle != null) {
                oracle.close();
            }
        }
        out.println();
        out.printf(Locale.ROOT, "Medians of %d round(s) by events per CPU-second:%n%n", rounds);
        out.println(table(ours, theirs, "Flink"));
        if (!kept.isEmpty()) {
            out.println("Append-only event tables (ours) against the same tables keeping their rows (ours-keep):");
            out.println();
            out.println(table(ours, kept, "keeping rows"));
        }
        if (wrong) {
            out.println("SOME RESULTS ARE WRONG");
            System.exit(1);
        }
    }

    private static boolean wrong;

    /** Runs ours once, prints the line, checks the rows against the oracle (when there is one). */
    private static Result checked(NexmarkBenchmark benchmark, NexmarkGenerator generator, Query query, long events,
                                  NexmarkOracle oracle, PrintStream out) throws Exception {
        List<String> rows = new ArrayList<>();
        Result result = benchmark.run(generator, query, events, rows);
        if (result.error() == null && oracle != null) {
            result = withCheck(result, check(oracle, query, rows));
        }
        out.println(line(result));
        return result;
    }

    /** The round with the median events per CPU-second (the lower of the two middle ones for an even count). */
    static Result median(List<Result> rounds) {
        rounds.stream().filter(r -> r.check().startsWith("WRONG")).findAny().ifPresent(r -> wrong = true);
        List<Result> sorted = new ArrayList<>(rounds);
        sorted.sort(java.util.Comparator.comparingDouble(Result::eventsPerCpuSecond));
        return sorted.get((sorted.size() - 1) / 2);
    }

    /** "ok (n rows)" when the rows equal the oracle's, else "WRONG: " and the first differences. */
    public static String check(NexmarkOracle oracle, Query query, List<String> rows) {
        List<String> expected;
        try {
            expected = oracle.rows(query.oracle());
        } catch (java.sql.SQLException e) {
            return "WRONG: the oracle failed: " + e.getMessage();
        }
        List<String> diff = NexmarkOracle.differences(expected, rows, 5);
        return diff.isEmpty() ? "ok (" + expected.size() + " rows)" : "WRONG: " + String.join("; ", diff);
    }

    static Result withCheck(Result r, String check) {
        return new Result(r.engine(), r.query(), r.events(), r.seconds(), r.cpuSeconds(), r.peakHeapBytes(),
                r.retainedHeapBytes(), r.stateEntries(), r.stateBytes(), r.outputRows(), check, r.error());
    }

    static String line(Result r) {
        if (r.error() != null) {
            return String.format(Locale.ROOT, "%-5s %-4s refused: %s", r.engine(), r.query(), r.error());
        }
        return String.format(Locale.ROOT,
                "%-5s %-4s %8.2f s %8.2f cpu-s %,10.0f ev/s %,10.0f ev/cpu-s peak %,6d MiB retained %,6d MiB state %,9d entries (~%,d MiB) out %,d rows, check %s",
                r.engine(), r.query(), r.seconds(), r.cpuSeconds(), r.eventsPerSecond(), r.eventsPerCpuSecond(),
                r.peakHeapBytes() >> 20, r.retainedHeapBytes() >> 20, r.stateEntries(), r.stateBytes() >> 20,
                r.outputRows(), r.check());
    }

    /** The summary table, in Markdown: per query ours (and Flink, and the ratio of events per CPU-second). */
    static String table(List<Result> ours, List<Result> theirs, String other) {
        Map<String, Result> flink = new LinkedHashMap<>();
        theirs.forEach(r -> flink.put(r.query(), r));
        StringBuilder s = new StringBuilder();
        boolean side = !theirs.isEmpty();
        s.append(side
                ? "| query | ours ev/s | ours ev/cpu-s | ours peak heap MiB | ours state entries | check | " + other + " ev/s | "
                        + other + " ev/cpu-s | " + other + " peak heap MiB | ours/" + other
                        + " (ev/cpu-s) |\n|---|---:|---:|---:|---:|---|---:|---:|---:|---:|\n"
                : "| query | ev/s | ev/cpu-s | peak heap MiB | retained heap MiB | state entries | check |\n|---|---:|---:|---:|---:|---:|---|\n");
        double logSum = 0;
        int ratios = 0;
        for (Result r : ours) {
            if (r.error() != null) {
                s.append("| ").append(r.query()).append(" | refused: ").append(r.error().replace("|", "\\|"))
                        .append(side ? " | | | | | | | | |\n" : " | | | | | |\n");
                continue;
            }
            s.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %,d | ", r.query(), r.eventsPerSecond(),
                    r.eventsPerCpuSecond(), r.peakHeapBytes() >> 20));
            if (!side) {
                s.append(String.format(Locale.ROOT, "%,d | %,d | %s |%n", r.retainedHeapBytes() >> 20,
                        r.stateEntries(), r.check()));
                continue;
            }
            s.append(String.format(Locale.ROOT, "%,d | %s | ", r.stateEntries(), r.check()));
            Result f = flink.get(r.query());
            if (f == null || f.error() != null) {
                s.append("| | | ").append(f == null ? "" : f.error().replace("|", "\\|")).append(" |\n");
            } else {
                double ratio = r.eventsPerCpuSecond() / f.eventsPerCpuSecond();
                logSum += Math.log(ratio);
                ratios++;
                s.append(String.format(Locale.ROOT, "%,.0f | %,.0f | %,d | %.2f |%n", f.eventsPerSecond(),
                        f.eventsPerCpuSecond(), f.peakHeapBytes() >> 20, ratio));
            }
        }
        if (ratios > 0) {
            s.append(String.format(Locale.ROOT, "%ngeometric mean of ours/%s (events per CPU-second) over %d queries: %.2f%n",
                    other, ratios, Math.exp(logSum / ratios)));
        }
        return s.toString();
    }
}
