package io.pipelinemanager.core.runner;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.pipelinemanager.core.api.DataFormat;
import io.pipelinemanager.core.api.ChangeStream;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.ProgramSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static io.pipelinemanager.core.runner.LifecycleEndToEndTest.T;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Programs and snapshot queries with text outside Latin-1, unconstrained {@code DECIMAL}s, and
 * query texts that are not one {@code SELECT}: through the facade, with a running pipeline.
 */
class SqlTextAndNumbersEndToEndTest {

    private static final String TEXT = "é名💥";
    private static final String SQL = """
            CREATE TABLE t (id INT NOT NULL, name VARCHAR(20), amount DECIMAL, n NUMERIC, PRIMARY KEY (id));
            CREATE MATERIALIZED VIEW labels AS SELECT id, name || ' é名💥' AS label, 'é名💥' AS lit FROM t;
            CREATE MATERIALIZED VIEW sums AS SELECT SUM(amount) AS total, SUM(n) AS ntotal, MAX(amount) AS top FROM t;
            CREATE VIEW doubled AS SELECT id, amount * 2 AS twice, amount + n AS plus FROM t;
            """;

    /** Keeps decimals exactly as written. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true)).build();

    @RegisterExtension
    static final RunningPipeline pipeline = new RunningPipeline("texts", SQL);

    @Test
    void queriesThatAreNotOneSelectAreInvalidQueries() {
        for (String sql : List.of("INSERT INTO t VALUES (1, 'a', 1, 1)", "UPDATE t SET name = 'x'", "DELETE FROM t",
                "CREATE TABLE u (x INT)", "CREATE VIEW v AS SELECT 1", "DROP TABLE t",
                "SELECT 1; SELECT 2", "SELECT id FROM t; DELETE FROM t", "MERGE INTO t USING t s ON t.id = s.id "
                        + "WHEN MATCHED THEN UPDATE SET name = 'x'")) {
            ManagerException e = catchThrowableOfType(ManagerException.class, () -> pipeline.manager().query(T, "p", sql));
            assertThat(e).as(sql).isNotNull();
            assertThat(e.code()).as(sql + ": " + e.getMessage()).isEqualTo(ErrorCode.InvalidQuery);
            assertThat(e.getMessage()).as(sql).contains("exactly one SELECT statement")
                    .doesNotContain("internal", "Exception", "java.", "org.");
        }
        assertThat(pipeline.rows("SELECT 1 AS x UNION ALL SELECT 2 ORDER BY x"))
                .containsExactly(List.of(1L), List.of(2L));
        assertThat(pipeline.rows("WITH w AS (SELECT 3 AS x) SELECT x FROM w")).containsExactly(List.of(3L));
        assertThat(pipeline.rows("VALUES (4)")).containsExactly(List.of(4L));
    }

    @Test
    void textOutsideLatin1RunsIncrementallyAndComesOutExactly() throws Exception {
        try (ChangeStream labels = pipeline.manager().subscribe(T, "p", "labels", false)) {
            push("{\"id\": 1, \"name\": \"ü名\", \"amount\": 1, \"n\": 1}\n");
            JsonNode insert = JSON.readTree(next(labels)).get("changes").get(0).get("insert");
            assertThat(insert.get("label").textValue()).isEqualTo("ü名 " + TEXT);
            assertThat(insert.get("lit").textValue()).isEqualTo(TEXT);
        }
        assertThat(pipeline.rows("SELECT '" + TEXT + "' AS x, label FROM labels WHERE lit = '" + TEXT + "' AND id = 1"))
                .containsExactly(List.of(TEXT, "ü名 " + TEXT));
        String json = pipeline.write("SELECT lit || '" + TEXT + "' AS twice FROM labels WHERE id = 1", DataFormat.JSON);
        assertThat(JSON.readTree(json).get("twice").textValue()).isEqualTo(TEXT + TEXT);
    }

    @Test
    void bareDecimalKeepsTheScaleOfItsValues() throws Exception {
        ProgramSchema.Relation table = pipeline.manager().getProgram(T, "texts").schema().tables().get(0);
        assertThat(table.columns()).extracting(ProgramSchema.Column::sqlType)
                .containsExactly("INTEGER", "VARCHAR(20)", "DECIMAL", "DECIMAL");
        try (ChangeStream sums = pipeline.manager().subscribe(T, "p", "sums", false)) {
            push("{\"id\": 10, \"name\": \"d\", \"amount\": 12.50, \"n\": 0.125}\n"
                    + "{\"id\": 11, \"name\": \"e\", \"amount\": 1234567890123456789012345.5, \"n\": 3}\n");
            JsonNode insert = null;
            for (JsonNode change : JSON.readTree(next(sums)).get("changes")) {
                insert = change.has("insert") ? change.get("insert") : insert;
            }
            assertThat(insert).isNotNull();
            assertThat(insert.get("top").decimalValue()).isEqualTo(new BigDecimal("1234567890123456789012345.5"));
            assertThat(insert.get("total").decimalValue().subtract(insert.get("ntotal").decimalValue()))
                    .isEqualTo(new BigDecimal("1234567890123456789012354.875"));
        }
        assertThat(pipeline.rows("SELECT amount, n FROM t WHERE id = 10"))
                .containsExactly(List.of(new BigDecimal("12.50"), new BigDecimal("0.125")));
        assertThat(pipeline.rows("SELECT amount * 2, amount + n FROM t WHERE id = 10"))
                .containsExactly(List.of(new BigDecimal("25.00"), new BigDecimal("12.625")));
        assertThat(pipeline.rows("SELECT SUM(amount), MIN(amount), SUM(n) FROM t WHERE id = 10"))
                .containsExactly(List.of(new BigDecimal("12.50"), new BigDecimal("12.50"), new BigDecimal("0.125")));
        assertThat(pipeline.rows("SELECT CAST(amount AS DECIMAL(10, 1)), CAST(n AS NUMERIC), "
                + "CASE WHEN id = 10 THEN amount ELSE n END FROM t WHERE id = 10"))
                .containsExactly(List.of(new BigDecimal("12.5"), new BigDecimal("0.125"), new BigDecimal("12.50")));
        // Division and AVG pick their scale as PostgreSQL does: at least 16 significant digits.
        assertThat(pipeline.rows("SELECT amount / 3, AVG(amount), n / 7 FROM t WHERE id = 10 GROUP BY amount, n"))
                .containsExactly(List.of(new BigDecimal("4.1666666666666667"), new BigDecimal("12.5000000000000000"),
                        new BigDecimal("0.01785714285714285714")));
        assertThat(pipeline.write("SELECT amount FROM t WHERE id >= 10 ORDER BY id", DataFormat.CSV))
                .isEqualTo("amount\r\n12.50\r\n1234567890123456789012345.5\r\n");
    }

    private void push(String body) {
        pipeline.ingest("t", DataFormat.JSON, body);
    }

    private static String next(ChangeStream stream) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(stream.writeNext(out, Duration.ofSeconds(10))).isEqualTo(ChangeStream.Poll.CHANGES);
        return out.toString(StandardCharsets.UTF_8);
    }
}
