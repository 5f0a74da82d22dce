package io.pipelinemanager.core.internal.compiler.slt;

import io.pipelinemanager.core.internal.compiler.CompileException;
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

    /** Runs the file at corpus resource path {@code resource} (e.g. {@code test/select1.test}). */
    static FileResult run(String resource) throws IOException {
        long start = System.nanoTime();
        FileResult result = new FileResult(resource);
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        OptionsParser.SuppliedOptions options = new OptionsParser(false, quiet, quiet).getOptions();
        SltTestFile file = new SltTestFile(resource);
        file.parse(options);
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
        result.skipped = rawQueryCount(resource) - file.getTestCount();
        result.millis = (System.nanoTime() - start) / 1_000_000;
        return result;
    }

    /** Queries in the file before skipif/onlyif (and halt) filtering; the difference is reported as skipped. */
    private static int rawQueryCount(String resource) throws IOException {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no corpus file " + resource);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return (int) text.lines().filter(l -> l.startsWith("query ")).count();
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
