package io.pipelinemanager.core.internal.compiler.slt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs several corpus files (two at a time), prints the per-file table and writes the failure list. */
public final class SltSuite {

    /** The files the suite covers by default. */
    static final List<String> SELECT_FILES = List.of(
            "test/select1.test", "test/select2.test", "test/select3.test", "test/select4.test", "test/select5.test");

    /**
     * The fixed sample of the {@code random/*} and {@code index/*} corpus: from each directory below, the
     * lowest-numbered non-empty {@code slt_good_N.test} ({@code index/view/10/slt_good_0.test} is empty,
     * so {@code slt_good_1}), each cut to its first {@link #SAMPLE_RECORDS} query records. The rule is
     * fixed so the counts are exact and comparable between runs.
     */
    static final List<String> SAMPLE_FILES = List.of(
            "test/random/aggregates/slt_good_0.test", "test/random/expr/slt_good_0.test",
            "test/random/groupby/slt_good_0.test", "test/random/select/slt_good_0.test",
            "test/index/between/10/slt_good_0.test", "test/index/between/100/slt_good_0.test",
            "test/index/commute/10/slt_good_0.test", "test/index/commute/100/slt_good_0.test",
            "test/index/delete/10/slt_good_0.test", "test/index/delete/100/slt_good_0.test",
            "test/index/in/10/slt_good_0.test", "test/index/in/100/slt_good_0.test",
            "test/index/orderby/10/slt_good_0.test", "test/index/orderby/100/slt_good_0.test",
            "test/index/orderby_nosort/10/slt_good_0.test", "test/index/orderby_nosort/100/slt_good_0.test",
            "test/index/random/10/slt_good_0.test", "test/index/random/100/slt_good_0.test",
            "test/index/view/10/slt_good_1.test", "test/index/view/100/slt_good_0.test");

    /** Query records run from each sampled file (the first ones, before skipif/onlyif filtering). */
    static final int SAMPLE_RECORDS = Integer.getInteger("slt.records", 1000);

    private SltSuite() {
    }

    /** One corpus file and how many of its query records to run. */
    record Part(String file, int maxRecords) {
    }

    /** The whole select files, then the sample. */
    static List<Part> defaultParts() {
        List<Part> parts = new ArrayList<>();
        SELECT_FILES.forEach(f -> parts.add(new Part(f, Integer.MAX_VALUE)));
        SAMPLE_FILES.forEach(f -> parts.add(new Part(f, SAMPLE_RECORDS)));
        return parts;
    }

    /** Runs the parts and returns their results in the given order. */
    static List<FileResult> run(List<Part> parts, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<FileResult>> futures = new ArrayList<>();
            for (Part p : parts) {
                futures.add(pool.submit(() -> SltFileRunner.run(p.file(), p.maxRecords())));
            }
            List<FileResult> results = new ArrayList<>();
            for (Future<FileResult> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Prints the table and buckets, and writes every failure to {@code target/slt-failures.txt}. */
    static void print(List<FileResult> results) {
        System.out.println(SltReport.table(results));
        System.out.println(SltReport.buckets(results));
        System.out.println(SltReport.overall(results));
        List<String> lines = new ArrayList<>();
        results.forEach(r -> lines.addAll(r.examples));
        try {
            Files.createDirectories(Path.of("target"));
            Files.write(Path.of("target", "slt-failures.txt"), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the given corpus files (each cut to {@code -Dslt.records}; default: the suite) and prints the results. */
    public static void main(String[] args) throws Exception {
        List<Part> parts = args.length == 0 ? defaultParts()
                : List.of(args).stream().map(f -> new Part(f, SAMPLE_RECORDS)).toList();
        print(run(parts, Integer.getInteger("slt.threads", 2)));
    }
}
