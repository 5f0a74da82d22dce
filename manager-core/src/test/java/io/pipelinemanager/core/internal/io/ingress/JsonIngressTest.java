package io.pipelinemanager.core.internal.io.ingress;

import static io.pipelinemanager.core.internal.io.ingress.IngressAssertions.assertParseError;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.internal.engine.type.Variant;
import io.pipelinemanager.core.internal.engine.type.VariantJson;
import io.pipelinemanager.core.internal.engine.zset.Rows;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.api.DataFormat;
import io.pipelinemanager.core.internal.io.RelationShape;
import io.pipelinemanager.core.internal.io.Shapes;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonIngressTest {
    private final RelationShape t = Shapes.threeColumns();

    private ZSet parse(String body) {
        return IngressAssertions.parse(DataFormat.JSON, t, body);
    }

    private void error(String body, long record, String column, String reason) {
        assertParseError(DataFormat.JSON, t, body, record, column, reason);
    }

    @Test
    void newlineDelimitedInsertsAndDeletes() {
        ZSet z = parse("{\"insert\": {\"ID\": 1, \"NAME\": \"a\", \"AMOUNT\": 1.5}}\n"
                + "{\"delete\": {\"ID\": 2, \"NAME\": \"b\", \"AMOUNT\": null}}\n");
        assertThat(z.toMap()).containsOnly(
                Map.entry(Rows.of(1L, "a", new BigDecimal("1.50")), 1L),
                Map.entry(Rows.of(2L, "b", null), -1L));
    }

    @Test
    void arrayOfRecordsAndConsolidation() {
        ZSet z = parse("[{\"insert\": {\"ID\": 1, \"NAME\": \"a\"}}, {\"insert\": {\"ID\": 1, \"NAME\": \"a\"}},"
                + " {\"insert\": {\"ID\": 3}}, {\"delete\": {\"ID\": 3}}]");
        assertThat(z.toMap()).containsOnly(Map.entry(Rows.of(1L, "a", null), 2L));
    }

    @Test
    void rawRecordsAreInsertsAndMayMixWithChangesAndArrays() {
        ZSet z = parse("{\"ID\": 1, \"NAME\": \"x\", \"AMOUNT\": \"2.345\"} [{\"ID\": 2}]\n{\"delete\": {\"ID\": 1, \"NAME\": \"x\", \"AMOUNT\": 2.35}}");
        assertThat(z.toMap()).containsOnly(Map.entry(Rows.of(2L, null, null), 1L));
    }

    @Test
    void columnNamesMatchCaseInsensitivelyAndMissingNullableColumnsAreNull() {
        ZSet z = parse("{\"insert\": {\"id\": 7, \"Name\": \"q\"}}");
        assertThat(z.toMap()).containsOnly(Map.entry(Rows.of(7L, "q", null), 1L));
    }

    @Test
    void exactCaseWinsWhenNamesDifferOnlyByCase() {
        RelationShape quoted = RelationShape.of("Q", java.util.List.of("a", "A"),
                java.util.List.of(io.pipelinemanager.core.internal.engine.type.SqlType.bigint().asNullable(),
                        io.pipelinemanager.core.internal.engine.type.SqlType.bigint().asNullable()));
        assertThat(IngressAssertions.parse(DataFormat.JSON, quoted, "{\"a\": 1, \"A\": 2}").toMap())
                .containsOnly(Map.entry(Rows.of(1L, 2L), 1L));
        assertParseError(DataFormat.JSON, quoted, "{\"a\": 1, \"A\": 2}\n{\"a\": 1}\n{\"A\": 1}\n{\"A\": 1, \"a\": 1, \"b\": 1}",
                4, "b", "unknown column \"b\"");
    }

    @Test
    void variantColumnsTakeAnyJsonValueAndJsonNullDependsOnNullability() throws Exception {
        RelationShape docs = RelationShape.of("DOCS", List.of("id", "v", "w"), List.of(
                io.pipelinemanager.core.internal.engine.type.SqlType.bigint().asNullable(),
                io.pipelinemanager.core.internal.engine.type.SqlType.variant().asNullable(),
                io.pipelinemanager.core.internal.engine.type.SqlType.variant()));
        ZSet z = IngressAssertions.parse(DataFormat.JSON, docs, "{\"id\": 1, \"v\": {\"b\": [1, \"2\"], \"a\": null},"
                + " \"w\": null}\n{\"id\": 2, \"v\": null, \"w\": \"[1]\"}\n{\"id\": 3, \"v\": 1.50, \"w\": true}");
        assertThat(z.toMap()).containsOnly(
                Map.entry(Rows.of(1L, VariantJson.parse("{\"a\": null, \"b\": [1, \"2\"]}"), Variant.JSON_NULL), 1L),
                // a JSON string is a string, not JSON text to parse
                Map.entry(Rows.of(2L, null, Variant.of("[1]")), 1L),
                Map.entry(Rows.of(3L, Variant.of(new BigDecimal("1.50")), Variant.TRUE), 1L));
        assertParseError(DataFormat.JSON, docs, "{\"id\": 1, \"w\": 1}\n{\"id\": 2, \"w\": " + "[".repeat(129)
                + "]".repeat(129) + "}", 2, "w", "nested deeper than 128");
        assertParseError(DataFormat.CSV, docs, "1,\"{\"\"a\"\": 1}\",1\n2,,{oops}\n", 2, "w", "invalid JSON for VARIANT");
    }

    @Test
    void emptyBodyAndEmptyArrayGiveEmptyZSet() {
        assertThat(parse("").isEmpty()).isTrue();
        assertThat(parse(" [ ] \n").isEmpty()).isTrue();
    }

    @Test
    void tableWithColumnNamedInsertStillReadsChangeRecords() {
        RelationShape odd = RelationShape.of("ODD", java.util.List.of("insert", "delete"),
                java.util.List.of(io.pipelinemanager.core.internal.engine.type.SqlType.bigint().asNullable(),
                        io.pipelinemanager.core.internal.engine.type.SqlType.bigint().asNullable()));
        ZSet z = IngressAssertions.parse(DataFormat.JSON, odd, "{\"insert\": 5, \"delete\": 6}\n{\"delete\": {\"insert\": 1}}");
        assertThat(z.toMap()).containsOnly(Map.entry(Rows.of(5L, 6L), 1L), Map.entry(Rows.of(1L, null), -1L));
    }

    @Test
    void unknownColumn() {
        error("{\"ID\": 1}\n{\"insert\": {\"ID\": 2, \"COLOUR\": \"red\"}}", 2, "COLOUR", "unknown column \"COLOUR\"");
    }

    @Test
    void wrongTypes() {
        error("{\"ID\": \"abc\"}", 1, "ID", "invalid BIGINT value 'abc'");
        error("{\"ID\": true}", 1, "ID", "expected BIGINT, got boolean true");
        error("{\"ID\": 1, \"NAME\": 5}", 1, "NAME", "expected VARCHAR(10), got number 5");
        error("{\"ID\": {\"x\": 1}}", 1, "ID", "got an object");
        error("{\"ID\": 1, \"NAME\": [\"a\"]}", 1, "NAME", "got an array");
    }

    @Test
    void fractionIntoIntegerColumnIsAnErrorButIntegralFloatIsAccepted() {
        error("{\"ID\": 1.5}", 1, "ID", "value 1.5 is not an integer");
        assertThat(parse("{\"ID\": 2.0}\n{\"ID\": \"3\"}\n{\"ID\": 4e2}").toMap())
                .containsOnlyKeys(Rows.of(2L, null, null), Rows.of(3L, null, null), Rows.of(400L, null, null));
    }

    @Test
    void bigintOverflow() {
        error("{\"ID\": 9223372036854775808}", 1, "ID", "out of range for BIGINT");
        error("{\"ID\": -1e30}", 1, "ID", "out of range for BIGINT");
    }

    @Test
    void nullIntoNotNullAndMissingNotNull() {
        error("{\"ID\": 1}\n{\"ID\": null}", 2, "ID", "NULL value for a NOT NULL column");
        error("{\"insert\": {\"NAME\": \"a\"}}", 1, "ID", "missing value for a NOT NULL column");
    }

    @Test
    void tooLongString() {
        error("{\"ID\": 1, \"NAME\": \"abcdefghijk\"}", 1, "NAME", "string of length 11 is too long for VARCHAR(10)");
    }

    @Test
    void decimalPrecisionAndRounding() {
        assertThat(parse("{\"ID\": 1, \"AMOUNT\": 12345678.994}").toMap())
                .containsOnlyKeys(Rows.of(1L, null, new BigDecimal("12345678.99")));
        error("{\"ID\": 1, \"AMOUNT\": 123456789}", 1, "AMOUNT", "out of range for DECIMAL(10,2)");
        error("{\"ID\": 1, \"AMOUNT\": 99999999.995}", 1, "AMOUNT", "out of range for DECIMAL(10,2)");
        error("{\"ID\": 1, \"AMOUNT\": \"1,5\"}", 1, "AMOUNT", "invalid DECIMAL value '1,5'");
    }

    @Test
    void malformedJsonMidStreamNamesTheRecordAndLine() {
        StringBuilder body = new StringBuilder();
        for (int i = 1; i <= 5; i++) {
            body.append("{\"insert\": {\"ID\": ").append(i).append("}}\n");
        }
        body.append("{\"insert\": {\"ID\": 6,, }}\n{\"ID\": 7}\n");
        ManagerException e = assertParseError(DataFormat.JSON, t, body.toString(), 6, null, "malformed JSON");
        assertThat(e.details()).containsEntry("line", 6L);
        assertThat((String) e.details().get("reason")).doesNotContain("Source").doesNotContain("\n");
    }

    @Test
    void malformedBetweenRecordsAndTruncatedArray() {
        error("{\"ID\": 1}\n{\"ID\": 2} x", 3, null, "malformed JSON");
        error("[{\"ID\": 1}, {\"ID\": 2}", 3, null, "malformed JSON: Unexpected end-of-input: expected close marker for Array");
        error("{\"ID\": 1}\n{\"ID\": 2", 2, null, "malformed JSON");
    }

    @Test
    void structuralErrors() {
        error("{\"ID\": 1}\n42", 2, null, "expected a JSON object, got a scalar value");
        error("[[{\"ID\": 1}]]", 1, null, "expected a JSON object, got a nested array");
        error("{\"insert\": {\"ID\": 1}, \"extra\": 1}", 1, null, "exactly one field");
        error("{\"ID\": 1, \"id\": 2}", 1, "ID", "duplicate value");
        error("{\"ID\": 1}\n{\"ID\": 2, \"NAME\": \"a\", \"NAME\": \"a\"}", 2, "NAME", "duplicate value");
        error("{\"delete\": {\"ID\": 1, \"ID\": 1}}", 1, "ID", "duplicate value");
        error("{\"ID\": 1}\n{\"delete\": [1, \"a\", 2]}", 2, null, "the value of \"delete\" must be a JSON object");
        error("{\"insert\": null}", 1, null, "the value of \"insert\" must be a JSON object");
    }

    @Test
    void readerLimitsAreToldWithoutLibraryNames() {
        ManagerException number = assertParseError(DataFormat.JSON, t,
                "{\"ID\": 1, \"AMOUNT\": " + "9".repeat(5000) + "}", 1, null, "a number is longer than");
        ManagerException name = assertParseError(DataFormat.JSON, t,
                "{\"ID\": 1}\n{\"" + "x".repeat(60_000) + "\": 1}", 2, null, "a field name is longer than");
        for (ManagerException e : List.of(number, name)) {
            assertThat(e.getMessage()).doesNotContain("StreamReadConstraints", "`", "()");
        }
    }

    @Test
    void errorLineIsReported() {
        ManagerException e = assertParseError(DataFormat.JSON, t, "{\"ID\": 1}\n\n{\"ID\": 2,\n \"NAME\": 3}", 2, "NAME", "expected VARCHAR");
        assertThat(e.details()).containsEntry("line", 4L);
        assertThat(e.getMessage()).startsWith("table T, record 2 (line 4), column NAME: expected VARCHAR(10), got number 3");
    }
}
