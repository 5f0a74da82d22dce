package io.pipelinemanager.core.internal.compiler;

import java.util.Locale;

/**
 * Prints compile times of a 20-view program: cold (first compile in this JVM), warm (a new
 * compiler with an empty cache, same JVM) and a cache hit. Run it in a fresh JVM (see manager-core/docs/engine-and-compiler.md).
 */
public final class CompileTimeMain {

    private CompileTimeMain() {
    }

    /** A program of 3 tables and 20 views of mixed shapes (joins, aggregates, sub-queries, set operations). */
    static String program() {
        StringBuilder sb = new StringBuilder("""
                CREATE TABLE customer(id INTEGER NOT NULL, name VARCHAR(40), region VARCHAR(10), PRIMARY KEY (id));
                CREATE TABLE orders(id BIGINT NOT NULL, customer INTEGER, amount DECIMAL(12, 2), placed TIMESTAMP);
                CREATE TABLE item(order_id BIGINT, sku VARCHAR(20), qty INTEGER, price DOUBLE);
                """);
        String[] shapes = {
            "SELECT region, COUNT(*) AS n, SUM(amount) AS total FROM orders o JOIN customer c ON o.customer = c.id"
                + " WHERE amount > %d GROUP BY region",
            "SELECT c.name, o.id FROM customer c LEFT JOIN orders o ON o.customer = c.id AND o.amount > %d",
            "SELECT sku, AVG(price * qty) AS avg_value, MAX(qty) AS max_qty FROM item WHERE qty > %d GROUP BY sku",
            "SELECT id FROM customer WHERE id IN (SELECT customer FROM orders WHERE amount > %d)",
            "SELECT o.id, (SELECT SUM(qty) FROM item i WHERE i.order_id = o.id) AS qty FROM orders o WHERE o.id > %d",
        };
        for (int i = 0; i < 20; i++) {
            sb.append("CREATE VIEW v").append(i).append(" AS ")
                    .append(String.format(Locale.ROOT, shapes[i % shapes.length], i)).append(";\n");
        }
        return sb.toString();
    }

    /** Prints the three measurements in milliseconds. */
    public static void main(String[] args) {
        String program = program();
        long t0 = System.nanoTime();
        CompilationResult cold = new SqlCompiler().compile(program);
        long t1 = System.nanoTime();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long s = System.nanoTime();
            new SqlCompiler().compile(program);
            best = Math.min(best, System.nanoTime() - s);
        }
        SqlCompiler compiler = new SqlCompiler();
        compiler.compile(program);
        long h0 = System.nanoTime();
        CompilationResult hit = compiler.compile(program);
        long h1 = System.nanoTime();
        System.out.printf(Locale.ROOT, "status=%s views=%d diagnostics=%s%n", cold.status(), cold.schema().views().size(),
                cold.diagnostics());
        System.out.printf(Locale.ROOT, "cold (first in JVM): %.0f ms%n", (t1 - t0) / 1e6);
        System.out.printf(Locale.ROOT, "warm (new compiler, best of 5): %.0f ms%n", best / 1e6);
        System.out.printf(Locale.ROOT, "cache hit: %.3f ms (same artifact: %s)%n", (h1 - h0) / 1e6,
                hit == compiler.compile(program));
    }
}
