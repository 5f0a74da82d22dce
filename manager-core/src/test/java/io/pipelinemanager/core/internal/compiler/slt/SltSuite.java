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

    private SltSuite() {
    }

    /** Runs the files and returns their results in the given order. */
    static List<FileResult> run(List<String> files, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<FileResult>> futures = new ArrayList<>();
            for (String f : files) {
                futures.add(pool.submit(() -> SltFileRunner.run(f)));
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

    /** Runs the given corpus files (default: select1–select5) and prints the results. */
    public static void main(String[] args) throws Exception {
        List<String> files = args.length == 0 ? SELECT_FILES : List.of(args);
        print(run(files, Integer.getInteger("slt.threads", 2)));
    }
}
