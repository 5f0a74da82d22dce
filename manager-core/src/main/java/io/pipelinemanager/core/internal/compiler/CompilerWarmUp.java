package io.pipelinemanager.core.internal.compiler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Loads and initialises the compiler (Calcite's parser, validator, planner and our translators: a few seconds of
 * class loading in a fresh JVM) on a daemon thread while the manager starts, so the first program a client sends
 * compiles at the speed of later ones instead of paying that start-up. It compiles a small program on a compiler
 * of its own (its cache and counters are not the manager's) once per JVM; its result is thrown away.
 */
public final class CompilerWarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(CompilerWarmUp.class);

    /** Tables, a filter, a join, grouping and a materialized view: the paths most programs take. */
    static final String PROGRAM = """
            CREATE TABLE warm_a (id INT NOT NULL PRIMARY KEY, name VARCHAR, amount DECIMAL(10, 2), ts TIMESTAMP);
            CREATE TABLE warm_b (id INT NOT NULL, a_id INT, qty BIGINT);
            CREATE MATERIALIZED VIEW warm_v AS
              SELECT a.name, COUNT(*) AS n, SUM(b.qty) AS qty, MAX(a.amount) AS top
              FROM warm_a a JOIN warm_b b ON a.id = b.a_id WHERE a.amount > 1 GROUP BY a.name;
            """;

    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private CompilerWarmUp() {
    }

    /** Starts the warm-up unless this JVM started one before; returns at once. */
    public static void startOnce() {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(null, CompilerWarmUp::run, "pm-compiler-warmup", 64L << 20);
        thread.setDaemon(true);
        thread.start();
    }

    private static void run() {
        long started = System.nanoTime();
        try {
            CompilationResult result = new SqlCompiler(new CompileCache(1)).compile(PROGRAM);
            LOG.debug("Compiler warmed up in {} ms ({})", (System.nanoTime() - started) / 1_000_000, result.status());
        } catch (Throwable e) {
            // Only a head start: any failure shows again, where it matters, in a real compilation.
            LOG.debug("The compiler warm-up failed: {}", e.toString());
        }
    }
}
