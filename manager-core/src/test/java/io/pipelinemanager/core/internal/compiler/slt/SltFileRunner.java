package io.pipelinemanager.core.internal.compiler.slt;

import io.pipelinemanager.core.internal.compiler.CompileException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.io.OutputStream;
import java.io.PrintStream;
import net.hydromatic.sqllogictest.ISqlTestOperation;
import net.hydromatic.sqllogictest.OptionsParser;
import net.hydromatic.sqllogictest.SltSqlStatement;
import net.hydromatic.sqllogictest.SltTestFile;
import net.hydromatic.sqllogictest.SqlTestQuery;

/**
 * Runs one corpus file through our compiler and engine. The corpus parser applies
 * {@code skipif}/{@code onlyif} as for PostgreSQL; statements run in order, each query is checked
 * by {@link QueryChecker}.
 */
final class SltFileRunner {

    private static final long SEED = 0x5eed_2026L;

    private SltFileRunner() {
    }

    /** Runs the whole file at corpus resource path {@code resource} (e.g. {@code test/select1.test}). */
    static FileResult run(String resource) throws IOException {
        return run(resource, Integer.MAX_VALUE);
    }

    /**
     * Runs the file at corpus resource path {@code resource} up to its first {@code maxRecords} query
     * records (counted before skipif/onlyif, as {@code grep '^query '} counts them): the file is cut just
     * before the next query record, so every statement before the cut still runs.
     */
    static FileResult run(String resource, int maxRecords) throws IOException {
        long start = System.nanoTime();
        FileResult result = new FileResult(resource);
        String text = read(resource);
        result.fileRecords = queryRecords(text);
        if (result.fileRecords > maxRecords) {
            text = text.substring(0, recordStart(text, maxRecords));
        }
        int records = queryRecords(text);
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        OptionsParser.SuppliedOptions options = new OptionsParser(false, quiet, quiet).getOptions();
        SltTestFile file = parse(resource, text, options);
        SltProgram program = new SltProgram();
        StatementExecutor statements = new StatementExecutor(program);
        QueryChecker queries = new QueryChecker(program, result);
        int index = 0;
        for (ISqlTestOperation op : file.fileContents) {
            if (op instanceof SltSqlStatement statement) {
                statement(statements, statement, result);
            } else if (op instanceof SqlTestQuery query) {
                queries.check(query, SEED + index++);
            }
        }
        result.skipped = records - file.getTestCount();
        result.millis = (System.nanoTime() - start) / 1_000_000;
        return result;
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no corpus file " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Query records in the text before skipif/onlyif (and halt) filtering; the difference to the tests run is reported as skipped. */
    private static int queryRecords(String text) {
        return (int) text.lines().filter(l -> l.startsWith("query ")).count();
    }

    /**
     * The offset where the record holding query number {@code n} (0-based) starts: its query line, or the
     * skipif/onlyif lines directly above it.
     */
    private static int recordStart(String text, int n) {
        int seen = 0;
        int recordStart = 0;
        int offset = 0;
        for (String line : text.split("\n", -1)) {
            if (line.isBlank()) {
                recordStart = offset + line.length() + 1;
            } else if (line.startsWith("query ")) {
                if (seen++ == n) {
                    return recordStart;
                }
            }
            offset += line.length() + 1;
        }
        return text.length();
    }

    /** Parses {@code text} as the file {@code resource} (the corpus parser reads through the context class loader). */
    private static SltTestFile parse(String resource, String text, OptionsParser.SuppliedOptions options)
            throws IOException {
        Thread thread = Thread.currentThread();
        ClassLoader parent = thread.getContextClassLoader();
        ClassLoader serving = new ClassLoader(parent) {
            @Override
            public InputStream getResourceAsStream(String name) {
                return name.equals(resource)
                        ? new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))
                        : super.getResourceAsStream(name);
            }
        };
        thread.setContextClassLoader(serving);
        try {
            SltTestFile file = new SltTestFile(resource);
            file.parse(options);
            return file;
        } finally {
            thread.setContextClassLoader(parent);
        }
    }

    private static void statement(StatementExecutor executor, SltSqlStatement statement, FileResult result) {
        String error = null;
        try {
            executor.execute(statement.statement);
        } catch (CompileException e) {
            error = e.diagnostic().code() + ": " + e.getMessage();
        } catch (RuntimeException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        boolean ok = (error == null) == statement.shouldPass;
        result.statement(ok, statement.statement.replace('\n', ' ')
                + (error == null ? " (succeeded)" : " :: " + error));
    }
}
