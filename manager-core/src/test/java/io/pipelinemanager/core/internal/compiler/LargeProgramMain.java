package io.pipelinemanager.core.internal.compiler;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;

/**
 * Compiles one program of {@code n} views over one table (default 5,000, about 290 KB) on a thread with
 * the compile pool's stack and prints the time, the outcome and the heap's peak use (sum of the heap
 * pools' peaks). Run it in a fresh JVM with the heap to test, e.g. {@code -Xmx512m} (see
 * manager-core/docs/engine-and-compiler.md).
 */
public final class LargeProgramMain {

    private LargeProgramMain() {
    }

    /** The program: one table and {@code n} filtered projections of it. */
    static String program(int n) {
        StringBuilder sb = new StringBuilder("CREATE TABLE t(a INT, b INT, c VARCHAR(10));\n");
        for (int i = 0; i < n; i++) {
            sb.append("CREATE VIEW v").append(i).append(" AS SELECT a, b, c FROM t WHERE a > ").append(i).append(";\n");
        }
        return sb.toString();
    }

    /** Prints one line: views, characters, milliseconds, status, first diagnostic, peak heap in MiB. */
    public static void main(String[] args) throws InterruptedException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        String program = program(n);
        Object[] outcome = new Object[1];
        long started = System.nanoTime();
        Thread compile = new Thread(null, () -> {
            try {
                outcome[0] = new SqlCompiler().compile(program);
            } catch (Throwable e) {
                outcome[0] = e;
            }
        }, "compile", 64L << 20);
        compile.start();
        compile.join();
        long millis = (System.nanoTime() - started) / 1_000_000;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        String result = outcome[0] instanceof CompilationResult r
                ? r.status() + (r.diagnostics().isEmpty() ? "" : " " + r.diagnostics().get(0)) : String.valueOf(outcome[0]);
        System.out.printf(Locale.ROOT, "views=%d chars=%d time=%d ms result=%s peak_heap=%d MiB (max %d MiB)%n", n,
                program.length(), millis, result, peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }
}
