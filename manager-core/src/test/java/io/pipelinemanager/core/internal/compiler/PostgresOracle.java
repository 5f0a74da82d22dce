package io.pipelinemanager.core.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinemanager.core.api.ProgramSchema;
import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.internal.engine.Circuit;
import io.pipelinemanager.core.internal.engine.expr.Texts;
import io.pipelinemanager.core.internal.engine.type.RowValue;
import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.type.TypeKind;
import io.pipelinemanager.core.internal.engine.type.Values;
import io.pipelinemanager.core.internal.engine.type.VariantJson;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.Rows;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import io.pipelinemanager.core.internal.io.SqlTypeNames;
import io.pipelinemanager.core.testing.TestDatabases;
import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Differential testing against a real PostgreSQL: a program's tables are created in both the compiled
 * circuit and a fresh PostgreSQL schema, the same inserts and deletes are applied to both step by step,
 * and after every step each view's integrated contents must equal what PostgreSQL answers for the view's
 * query (and so must the same query compiled as a snapshot query over the current tables).
 *
 * <p>Values are compared after canonicalisation: exact numbers by value (or by value and scale when
 * {@link Program#exactScale()} is set), approximate numbers to 12 significant digits, everything else as is.
 * One database is created per oracle (per test class); each program gets its own schema.
 *
 * <p>A test class registers its oracle with {@code @RegisterExtension static final PostgresOracle pg =
 * PostgresOracle.perClass();}: the database is created before the class's tests (which are skipped or fail as
 * {@link TestDatabases#requirePostgresDatabase()} says when there is no test PostgreSQL) and dropped after them.
 */
final class PostgresOracle implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

    private static final MathContext APPROX = new MathContext(12);
    private String url;
    private Connection connection;
    private final AtomicInteger schemas = new AtomicInteger();

    private PostgresOracle() {
    }

    /** An oracle that opens its database before a test class's tests and closes it after them (see above). */
    static PostgresOracle perClass() {
        return new PostgresOracle();
    }

    /** An oracle on a new database of the test PostgreSQL ({@code PM_TEST_PG_URL}, see {@link TestDatabases}). */
    static PostgresOracle open() throws SQLException {
        PostgresOracle oracle = new PostgresOracle();
        oracle.connect();
        return oracle;
    }

    private void connect() throws SQLException {
        url = TestDatabases.requirePostgresDatabase();
        connection = DriverManager.getConnection(url);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        connect();
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        if (connection != null) {
            close();
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
        connection = null;
        TestDatabases.dropPostgresDatabase(url);
    }

    /** The rows PostgreSQL answers for {@code sql} in the current schema, canonicalised, as a bag. */
    Map<List<Object>, Long> query(String sql, boolean exactScale) throws SQLException {
        Map<List<Object>, Long> bag = new HashMap<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object v = "jsonb".equals(md.getColumnTypeName(i)) ? jsonb(rs.getString(i))
                            : pgValue(rs, i, md.getColumnType(i));
                    row.add(canonical(v, exactScale));
                }
                bag.merge(row, 1L, Long::sum);
            }
        }
        return bag;
    }

    /** Executes statements (separated by semicolons at line ends) in the current schema. */
    void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    /** Executes one INSERT, UPDATE or DELETE in the current schema; returns the number of rows it changed. */
    int update(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            return s.executeUpdate(sql);
        }
    }

    /** The error PostgreSQL reports for {@code sql}, or null when it succeeds. */
    String errorOf(String sql) {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
            return null;
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    /** A program under test: its tables (DDL that both PostgreSQL and the compiler accept) and views. */
    Program program(String tablesDdl) throws SQLException {
        return program(tablesDdl, tablesDdl);
    }

    /**
     * A program whose tables PostgreSQL declares differently (e.g. a {@code ROW(a INT)} column as a column of a
     * composite type made with {@code CREATE TYPE}); the compiler gets {@code tablesDdl}.
     */
    Program program(String tablesDdl, String postgresDdl) throws SQLException {
        String schema = "p" + schemas.incrementAndGet();
        execute("CREATE SCHEMA " + schema + "; SET search_path TO " + schema);
        execute(postgresDdl);
        return new Program(tablesDdl);
    }

    /** One program: tables, views, the compiled circuit and the current table contents. */
    final class Program {
        private final String tablesDdl;
        private final Map<String, String> views = new LinkedHashMap<>();
        private final Map<String, String> postgresQueries = new HashMap<>();
        private final Map<String, ZSetBuilder> viewContents = new HashMap<>();
        private final Map<String, List<Row>> tableContents = new TreeMap<>();
        private Map<String, List<SqlType>> tableTypes;
        private Map<String, List<ProgramSchema.Column>> tableColumns;
        private List<ProgramSchema.Relation> readable;
        private Circuit circuit;
        private boolean exactScale;
        private boolean rejectFailingSteps;
        private int steps;
        private int rejectedSteps;

        private Program(String tablesDdl) {
            this.tablesDdl = tablesDdl;
        }

        /** Adds a view; PostgreSQL answers the same query text. */
        Program view(String name, String query) throws SQLException {
            return view(name, query, query);
        }

        /**
         * Adds a view whose PostgreSQL equivalent is written differently (for features PostgreSQL lacks, e.g.
         * TUMBLE written with {@code date_bin}); the compiled view and its snapshot query use {@code query}.
         * PostgreSQL answers {@code postgresQuery}; it is also created as a PostgreSQL view so that later
         * views can read it, unless PostgreSQL refuses (e.g. two columns of the same name).
         */
        Program view(String name, String query, String postgresQuery) throws SQLException {
            views.put(name, query);
            postgresQueries.put(name, postgresQuery);
            errorOf("CREATE VIEW " + name + " AS " + postgresQuery);
            return this;
        }

        /** Compare exact numbers by value and scale (e.g. NUMERIC results that must print as PostgreSQL's). */
        Program exactScale() {
            exactScale = true;
            return this;
        }

        /**
         * Steps become transactions on both sides: when PostgreSQL fails to answer a view's query after a step's
         * changes (a division by zero, an overflow, a failed cast on a row), the step is rolled back in PostgreSQL
         * and the circuit must fail it too ({@code CircuitStepException}) and be left as before it; a step that
         * PostgreSQL answers must succeed in the circuit.
         */
        Program rejectingFailingSteps() {
            rejectFailingSteps = true;
            return this;
        }

        /** Steps that both PostgreSQL and the circuit failed and rolled back (see {@link #rejectingFailingSteps()}). */
        int rejectedSteps() {
            return rejectedSteps;
        }

        /** Compiles tables and views; fails on any diagnostic. */
        Program compile() {
            StringBuilder sql = new StringBuilder(tablesDdl).append(";\n");
            views.forEach((name, query) -> sql.append("CREATE VIEW ").append(name).append(" AS ").append(query)
                    .append(";\n"));
            CompilationResult result = new SqlCompiler().compile(sql.toString());
            assertThat(result.diagnostics()).as("diagnostics of\n%s", sql).isEmpty();
            assertThat(result.status()).isEqualTo(ProgramStatus.SUCCESS);
            circuit = result.artifact().newCircuit();
            circuit.initialContents().forEach((view, contents) ->
                    viewContents.computeIfAbsent(view, v -> new ZSetBuilder()).addAll(contents, 1));
            readable = result.schema().tables();
            tableTypes = new HashMap<>();
            tableColumns = new HashMap<>();
            for (ProgramSchema.Relation t : readable) {
                tableTypes.put(t.name().toLowerCase(), t.columns().stream()
                        .map(c -> SqlTypeNames.parse(c.sqlType(), c.nullable())).toList());
                tableColumns.put(t.name().toLowerCase(), t.columns());
                tableContents.put(t.name().toLowerCase(), new ArrayList<>());
            }
            return this;
        }

        /**
         * Runs {@code steps} random steps: each inserts up to {@code maxInserts} rows made by the table's
         * generator and deletes up to {@code maxDeletes} current rows, then compares every view.
         */
        Program randomSteps(long seed, int steps, int maxInserts, int maxDeletes,
                            Map<String, Function<Random, Object[]>> generators) throws SQLException {
            Random random = new Random(seed);
            for (int s = 0; s < steps; s++) {
                Map<String, List<Object[]>> inserts = new HashMap<>();
                Map<String, List<Row>> deletes = new HashMap<>();
                for (Map.Entry<String, Function<Random, Object[]>> g : generators.entrySet()) {
                    String table = g.getKey().toLowerCase();
                    int n = random.nextInt(maxInserts + 1);
                    for (int i = 0; i < n; i++) {
                        inserts.computeIfAbsent(table, t -> new ArrayList<>()).add(g.getValue().apply(random));
                    }
                    List<Row> current = new ArrayList<>(tableContents.get(table));
                    int d = s == 0 ? 0 : random.nextInt(Math.min(maxDeletes, current.size()) + 1);
                    for (int i = 0; i < d; i++) {
                        deletes.computeIfAbsent(table, t -> new ArrayList<>())
                                .add(current.remove(random.nextInt(current.size())));
                    }
                }
                step(inserts, deletes);
            }
            return this;
        }

        /** Inserts rows (values in engine or plain Java form) into one table and compares. */
        Program insert(String table, Object[]... rows) throws SQLException {
            step(Map.of(table.toLowerCase(), List.of(rows)), Map.of());
            return this;
        }

        /** One step of deletes (one copy of each row) and inserts, possibly of several tables, then compares. */
        Program change(Map<String, List<Object[]>> inserts, Map<String, List<Object[]>> deletes) throws SQLException {
            Map<String, List<Row>> del = new HashMap<>();
            deletes.forEach((table, rows) -> {
                List<SqlType> types = tableTypes.get(table.toLowerCase());
                for (Object[] r : rows) {
                    del.computeIfAbsent(table.toLowerCase(), t -> new ArrayList<>()).add(Rows.of(Values.normalizeAll(types, r)));
                }
            });
            Map<String, List<Object[]>> ins = new HashMap<>();
            inserts.forEach((table, rows) -> ins.put(table.toLowerCase(), rows));
            step(ins, del);
            return this;
        }

        /** Deletes one copy of each row from one table and compares. */
        Program delete(String table, Object[]... rows) throws SQLException {
            List<SqlType> types = tableTypes.get(table.toLowerCase());
            List<Row> del = new ArrayList<>();
            for (Object[] r : rows) {
                del.add(Rows.of(Values.normalizeAll(types, r)));
            }
            step(Map.of(), Map.of(table.toLowerCase(), del));
            return this;
        }

        private void step(Map<String, List<Object[]>> inserts, Map<String, List<Row>> deletes) throws SQLException {
            steps++;
            Map<String, List<Row>> before = new HashMap<>();
            tableContents.forEach((t, rows) -> before.put(t, new ArrayList<>(rows)));
            if (rejectFailingSteps) {
                connection.setAutoCommit(false);
            }
            Map<String, ZSetBuilder> changes = new HashMap<>();
            for (Map.Entry<String, List<Row>> d : deletes.entrySet()) {
                for (Row row : d.getValue()) {
                    if (!tableContents.get(d.getKey()).remove(row)) {
                        throw new IllegalArgumentException("row " + row + " is not in " + d.getKey());
                    }
                    pgDelete(d.getKey(), row);
                    changes.computeIfAbsent(d.getKey(), t -> new ZSetBuilder()).add(row, -1);
                }
            }
            for (Map.Entry<String, List<Object[]>> i : inserts.entrySet()) {
                List<SqlType> types = tableTypes.get(i.getKey());
                for (Object[] values : i.getValue()) {
                    Row row = Rows.of(engineValues(types, values));
                    tableContents.get(i.getKey()).add(row);
                    pgInsert(i.getKey(), row);
                    changes.computeIfAbsent(i.getKey(), t -> new ZSetBuilder()).add(row, 1);
                }
            }
            Map<String, ZSet> input = new HashMap<>();
            changes.forEach((t, b) -> input.put(t, b.build()));
            String postgresError = rejectFailingSteps ? commitUnlessAViewFails() : null;
            Map<String, ZSet> outputs;
            try {
                outputs = circuit.step(input);
            } catch (io.pipelinemanager.core.internal.engine.CircuitStepException e) {
                if (postgresError == null) {
                    throw new AssertionError("the circuit failed step " + steps + " that PostgreSQL answers; tables "
                            + tableContents, e);
                }
                rejectedSteps++;
                tableContents.clear();
                tableContents.putAll(before);
                compareAll();
                return;
            }
            assertThat(postgresError).as("PostgreSQL failed step %d but the circuit did not; tables %s", steps,
                    tableContents).isNull();
            outputs.forEach((view, delta) -> viewContents.computeIfAbsent(view, v -> new ZSetBuilder()).addAll(delta, 1));
            compareAll();
        }

        /** Queries every view in the step's transaction: commits and returns null, or rolls back and returns the error. */
        private String commitUnlessAViewFails() throws SQLException {
            String error = null;
            for (String query : postgresQueries.values()) {
                error = errorOf(query);
                if (error != null) {
                    break;
                }
            }
            if (error == null) {
                connection.commit();
            } else {
                connection.rollback();
            }
            connection.setAutoCommit(true);
            return error;
        }

        private void compareAll() throws SQLException {
            for (Map.Entry<String, String> v : views.entrySet()) {
                Map<List<Object>, Long> expected = query(postgresQueries.get(v.getKey()), exactScale);
                ZSetBuilder b = viewContents.get(v.getKey());
                Map<List<Object>, Long> actual = canonicalBag(b == null ? Map.of() : b.build().toMap(), exactScale);
                assertThat(actual).as("view %s (%s) after step %d; tables %s", v.getKey(), v.getValue(), steps,
                        tableContents).isEqualTo(expected);
                assertThat(canonicalBag(snapshot(v.getValue()), exactScale))
                        .as("snapshot query %s after step %d", v.getValue(), steps).isEqualTo(expected);
            }
        }

        private Map<Row, Long> snapshot(String query) {
            CompiledQuery q;
            try {
                q = SqlCompiler.compileQuery(readable, query);
            } catch (CompileException e) {
                throw new AssertionError("snapshot query " + query + " does not compile: " + e.getMessage(), e);
            }
            Map<String, ZSet> inputs = new HashMap<>();
            for (ProgramSchema.Relation t : readable) {
                inputs.put(t.name(), ZSet.ofRows(tableContents.get(t.name().toLowerCase())));
            }
            ZSet out = q.definition().evaluate(inputs, null).get(q.view());
            Map<Row, Long> projected = new HashMap<>();
            int[] visible = q.visible().stream().mapToInt(Integer::intValue).toArray();
            out.toMap().forEach((r, w) -> projected.merge(Rows.project(r, visible), w, Long::sum));
            return projected;
        }

        private void pgInsert(String table, Row row) throws SQLException {
            List<ProgramSchema.Column> columns = tableColumns.get(table);
            String sql = "INSERT INTO " + table + " VALUES (" + "?, ".repeat(columns.size() - 1) + "?)";
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                for (int i = 0; i < columns.size(); i++) {
                    bind(ps, i + 1, row.get(i));
                }
                ps.executeUpdate();
            }
        }

        private void pgDelete(String table, Row row) throws SQLException {
            List<ProgramSchema.Column> columns = tableColumns.get(table);
            StringBuilder where = new StringBuilder();
            for (int i = 0; i < columns.size(); i++) {
                // A composite column is compared in text form (a parameter cannot be typed as an anonymous record).
                boolean composite = tableTypes.get(table).get(i).kind() == TypeKind.ROW;
                where.append(i == 0 ? "" : " AND ").append('"').append(columns.get(i).name())
                        .append(composite ? "\"::text IS NOT DISTINCT FROM ?::text" : "\" IS NOT DISTINCT FROM ?");
            }
            String sql = "DELETE FROM " + table + " WHERE ctid = (SELECT ctid FROM " + table + " WHERE " + where
                    + " LIMIT 1)";
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                for (int i = 0; i < columns.size(); i++) {
                    bind(ps, i + 1, row.get(i));
                }
                assertThat(ps.executeUpdate()).as("PostgreSQL deleted %s from %s", row, table).isEqualTo(1);
            }
        }
    }

    private static Object[] engineValues(List<SqlType> types, Object[] values) {
        Object[] out = Values.normalizeAll(types, values);
        for (int i = 0; i < out.length; i++) {
            SqlType t = types.get(i);
            if (out[i] instanceof String s && t.kind() == TypeKind.CHAR && t.precision() > s.length()) {
                out[i] = s + " ".repeat(t.precision() - s.length());
            }
        }
        return out;
    }

    private static void bind(PreparedStatement ps, int i, Object v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.NULL);
        } else if (v instanceof Long l) {
            ps.setLong(i, l);
        } else if (v instanceof List<?> || v instanceof RowValue) {
            // PostgreSQL's array or composite text form, typed by the column it is compared with or stored in.
            ps.setObject(i, Texts.toText(v), Types.OTHER);
        } else {
            ps.setObject(i, v);
        }
    }

    private static Object pgValue(ResultSet rs, int i, int sqlType) throws SQLException {
        Object v = switch (sqlType) {
            case Types.DATE -> rs.getObject(i, LocalDate.class);
            case Types.TIMESTAMP -> rs.getObject(i, LocalDateTime.class);
            case Types.TIME -> rs.getObject(i, LocalTime.class);
            case Types.ARRAY -> rs.getArray(i) == null ? null : arrayValue(rs.getArray(i).getArray());
            default -> rs.getObject(i);
        };
        if (v instanceof org.postgresql.util.PGobject o && o.getType() != null && !o.getType().startsWith("_")
                && o.getValue() != null && o.getValue().startsWith("(")) {
            // A composite value: compared in PostgreSQL's text form (see canonical()).
            return "ROW" + o.getValue();
        }
        return rs.wasNull() ? null : v;
    }

    /** A jsonb value as the engine's VARIANT (JSON values compare by value, whatever their spacing and key order). */
    private static Object jsonb(String text) {
        try {
            return text == null ? null : VariantJson.parse(text);
        } catch (VariantJson.InvalidJsonException e) {
            throw new AssertionError("PostgreSQL answered invalid JSON " + text, e);
        }
    }

    private static List<Object> arrayValue(Object array) {
        List<Object> out = new ArrayList<>();
        for (Object e : (Object[]) array) {
            out.add(e instanceof Object[] nested ? arrayValue(nested) : e);
        }
        return out;
    }

    /** A bag of engine rows, canonicalised. */
    static Map<List<Object>, Long> canonicalBag(Map<Row, Long> rows, boolean exactScale) {
        Map<List<Object>, Long> bag = new HashMap<>();
        rows.forEach((r, w) -> {
            if (w == 0) {
                return;
            }
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < r.size(); i++) {
                values.add(canonical(r.get(i), exactScale));
            }
            bag.merge(values, w, Long::sum);
        });
        bag.values().removeIf(w -> w == 0);
        return bag;
    }

    private static Object canonical(Object v, boolean exactScale) {
        if (v instanceof RowValue r) {
            return "ROW" + Texts.toText(r);
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object e : list) {
                out.add(canonical(e, exactScale));
            }
            return out;
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (!Double.isFinite(d)) {
                return Double.toString(d);
            }
            return d == 0 ? BigDecimal.ZERO : new BigDecimal(d).round(APPROX).stripTrailingZeros();
        }
        if (v instanceof BigDecimal b) {
            return exactScale ? b.toPlainString() : (b.signum() == 0 ? BigDecimal.ZERO : b.stripTrailingZeros());
        }
        if (v instanceof Number n) {
            BigDecimal b = BigDecimal.valueOf(n.longValue());
            return exactScale ? b.toPlainString() : (b.signum() == 0 ? BigDecimal.ZERO : b.stripTrailingZeros());
        }
        return v;
    }
}
