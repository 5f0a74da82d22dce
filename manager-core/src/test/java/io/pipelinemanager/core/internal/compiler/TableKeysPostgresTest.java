package io.pipelinemanager.core.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.internal.engine.Circuit;
import io.pipelinemanager.core.internal.engine.InputCounters;
import io.pipelinemanager.core.internal.engine.TableChanges;
import io.pipelinemanager.core.internal.engine.zset.Rows;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Keys and bag deletes against PostgreSQL after every step: the same random inserts, deletes and updates, in
 * order, go to the circuit ({@link Circuit#apply}) and to PostgreSQL as the statements with the same meaning — an
 * insert into a table with a key is {@code INSERT ... ON CONFLICT (id) DO UPDATE}, a delete by key
 * {@code DELETE ... WHERE id = ?}, an update {@code UPDATE ... WHERE id = ?}, a delete from a bag removes one
 * matching row ({@code DELETE ... WHERE ctid IN (SELECT ctid ... LIMIT 1)}). After every step (and before the
 * first) each view and each table must equal PostgreSQL's answer, and the ignored deletes and updates must be the
 * statements that changed no row.
 */
class TableKeysPostgresTest {
    private static final String TABLES = """
            CREATE TABLE k (id INT PRIMARY KEY, g INT, v INT);
            CREATE TABLE b (g INT, v INT)""";
    private static final Map<String, String> VIEWS = Map.of(
            "k_groups", "SELECT g, COUNT(*) AS n, SUM(v) AS s FROM k GROUP BY g",
            "k_all", "SELECT COUNT(*) AS n, SUM(v) AS s, MAX(id) AS m FROM k",
            "b_all", "SELECT COUNT(*) AS n, SUM(v) AS s FROM b",
            "b_groups", "SELECT g, v, COUNT(*) AS n FROM b GROUP BY g, v");

    @RegisterExtension
    static final PostgresOracle pg = PostgresOracle.perClass();

    @Test
    void randomUpsertsDeletesAndUpdatesMatchPostgresAfterEveryStep() throws SQLException {
        pg.program(TABLES);
        StringBuilder program = new StringBuilder(TABLES).append(";\n");
        VIEWS.forEach((name, query) -> program.append("CREATE MATERIALIZED VIEW ").append(name).append(" AS ")
                .append(query).append(";\n"));
        CompilationResult compiled = new SqlCompiler().compile(program.toString());
        assertThat(compiled.status()).as(compiled.diagnostics().toString()).isEqualTo(ProgramStatus.SUCCESS);
        Circuit circuit = compiled.artifact().newCircuit();
        Random random = new Random(20261130);
        long ignoredDeletesK = 0;
        long ignoredUpdatesK = 0;
        long ignoredDeletesB = 0;
        compare(circuit, 0);
        for (int step = 1; step <= 60; step++) {
            TableChanges.Builder k = new TableChanges.Builder();
            TableChanges.Builder b = new TableChanges.Builder();
            int ops = 1 + random.nextInt(8);
            for (int o = 0; o < ops; o++) {
                long id = random.nextInt(8);
                Long g = random.nextInt(5) == 0 ? null : (long) random.nextInt(3);
                Long v = random.nextInt(6) == 0 ? null : (long) random.nextInt(4);
                switch (random.nextInt(6)) {
                    case 0, 1 -> {
                        k.insert(Rows.of(id, g, v));
                        pg.execute("INSERT INTO k VALUES (" + id + ", " + g + ", " + v
                                + ") ON CONFLICT (id) DO UPDATE SET g = EXCLUDED.g, v = EXCLUDED.v");
                    }
                    case 2 -> {
                        k.delete(Rows.of(id, g, v)); // the other columns do not matter
                        ignoredDeletesK += changed("DELETE FROM k WHERE id = " + id) ? 0 : 1;
                    }
                    case 3 -> {
                        k.update(Rows.of(id, null, v), new boolean[] {true, false, true});
                        ignoredUpdatesK += changed("UPDATE k SET v = " + v + " WHERE id = " + id) ? 0 : 1;
                    }
                    case 4 -> {
                        b.insert(Rows.of(g, v));
                        pg.execute("INSERT INTO b VALUES (" + g + ", " + v + ")");
                    }
                    default -> {
                        b.delete(Rows.of(g, v));
                        ignoredDeletesB += changed("DELETE FROM b WHERE ctid IN (SELECT ctid FROM b WHERE g IS NOT "
                                + "DISTINCT FROM " + g + " AND v IS NOT DISTINCT FROM " + v + " LIMIT 1)") ? 0 : 1;
                    }
                }
            }
            circuit.apply(Map.of("k", k.build(), "b", b.build()), null);
            compare(circuit, step);
            Map<String, InputCounters> expected = new HashMap<>();
            if (ignoredDeletesK + ignoredUpdatesK > 0) {
                expected.put("k", new InputCounters(ignoredDeletesK, ignoredUpdatesK));
            }
            if (ignoredDeletesB > 0) {
                expected.put("b", new InputCounters(ignoredDeletesB, 0));
            }
            assertThat(circuit.inputCounters()).as("ignored changes after step %d", step).isEqualTo(expected);
        }
        assertThat(ignoredDeletesB).as("the random steps delete absent bag rows").isPositive();
        assertThat(ignoredDeletesK + ignoredUpdatesK).as("the random steps change absent keys").isPositive();
    }

    private static boolean changed(String dml) throws SQLException {
        return pg.update(dml) > 0;
    }

    private static void compare(Circuit circuit, int step) throws SQLException {
        for (String view : VIEWS.keySet()) {
            assertThat(PostgresOracle.canonicalBag(circuit.snapshot(view).toMap(), false))
                    .as("view %s after step %d", view, step).isEqualTo(pg.query(VIEWS.get(view), false));
        }
        for (String table : List.of("k", "b")) {
            assertThat(PostgresOracle.canonicalBag(circuit.snapshot(table).toMap(), false))
                    .as("table %s after step %d", table, step).isEqualTo(pg.query("SELECT * FROM " + table, false));
        }
    }
}
