package io.pipelinemanager.core.internal.io.ingress;

import static io.pipelinemanager.core.internal.io.ingress.IngressAssertions.assertParseError;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.zset.Rows;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.api.DataFormat;
import io.pipelinemanager.core.internal.io.RelationShape;
import io.pipelinemanager.core.internal.io.Shapes;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvIngressTest {
    private final RelationShape t = Shapes.threeColumns();

    private ZSet parse(String body) {
        return IngressAssertions.parse(DataFormat.CSV, t, body);
    }

    private ManagerException error(String body, long record, String column, String reason) {
        return assertParseError(DataFormat.CSV, t, body, record, column, reason);
    }

    @Test
    void positionalRowsWithLfCrlfAndCrLineEnds() {
        ZSet z = parse("1,a,1.5\n2,b,2\r\n3,c,3.25\r4,d,4");
        assertThat(z.toMap()).containsOnly(
                Map.entry(Rows.of(1L, "a", new BigDecimal("1.50")), 1L),
                Map.entry(Rows.of(2L, "b", new BigDecimal("2.00")), 1L),
                Map.entry(Rows.of(3L, "c", new BigDecimal("3.25")), 1L),
                Map.entry(Rows.of(4L, "d", new BigDecimal("4.00")), 1L));
    }

    @Test
    void quotedFieldsWithCommasQuotesAndLineBreaks() {
        ZSet z = parse("1,\"a,b\",1\n2,\"say \"\"hi\"\"\",2\n3,\"two\r\nlines\",3\n4,\"x\ny\",4\n");
        assertThat(z.toMap()).containsOnlyKeys(
                Rows.of(1L, "a,b", new BigDecimal("1.00")),
                Rows.of(2L, "say \"hi\"", new BigDecimal("2.00")),
                Rows.of(3L, "two\r\nlines", new BigDecimal("3.00")),
                Rows.of(4L, "x\ny", new BigDecimal("4.00")));
    }

    @Test
    void emptyUnquotedFieldIsNullAndQuotedEmptyFieldIsEmptyString() {
        ZSet z = parse("1,,\n2,\"\",\"3\"\n");
        assertThat(z.toMap()).containsOnlyKeys(Rows.of(1L, null, null), Rows.of(2L, "", new BigDecimal("3.00")));
    }

    @Test
    void stringsAreVerbatimButOtherTypesAreTrimmed() {
        ZSet z = parse(" 5 , padded ,  7.1 \n");
        assertThat(z.toMap()).containsOnlyKeys(Rows.of(5L, " padded ", new BigDecimal("7.10")));
    }

    @Test
    void blankLinesAreSkippedAndByteOrderMarkIgnored() {
        ZSet z = parse("\uFEFF1,a,1\n\n\r\n2,b,2\n\n");
        assertThat(z.size()).isEqualTo(2);
        assertThat(z.weight(Rows.of(1L, "a", new BigDecimal("1.00")))).isEqualTo(1);
    }

    @Test
    void duplicateRowsAddUp() {
        assertThat(parse("1,a,1\n1,a,1.00\n").toMap()).containsOnly(Map.entry(Rows.of(1L, "a", new BigDecimal("1.00")), 2L));
    }

    @Test
    void unterminatedQuote() {
        ManagerException e = error("1,a,1\n2,\"open,2\n3,c,3\n", 2, null, "unterminated quoted field (opened on line 2)");
        assertThat(e.details()).containsEntry("line", 4L);
    }

    @Test
    void wrongNumberOfFields() {
        ManagerException e = error("1,a,1\n2,b\n", 2, null, "expected 3 fields, got 2");
        assertThat(e.details()).containsEntry("line", 2L);
        error("1,a,1,extra\n", 1, null, "expected 3 fields, got 4");
    }

    @Test
    void strayQuotes() {
        error("1,a\"b,1\n", 1, null, "quote character inside an unquoted field");
        error("1,\"ab\"c,1\n", 1, null, "unexpected character after a closing quote");
    }

    @Test
    void recordNumbersCountRecordsNotLines() {
        ManagerException e = error("1,\"multi\nline\",1\n\n2,b,x\n", 2, "AMOUNT", "invalid DECIMAL value 'x'");
        assertThat(e.details()).containsEntry("line", 4L);
    }

    @Test
    void nullIntoNotNull() {
        error("1,a,1\n,b,2\n", 2, "ID", "NULL value (empty field) for a NOT NULL column");
        RelationShape notNullText = RelationShape.of("S", List.of("S"), List.of(SqlType.varchar(-1)));
        assertThat(IngressAssertions.parse(DataFormat.CSV, notNullText, "\"\"\n").toMap()).containsOnlyKeys(Rows.of(""));
    }

    @Test
    void typeErrors() {
        error("x,a,1\n", 1, "ID", "invalid BIGINT value 'x'");
        error("1.5,a,1\n", 1, "ID", "is not an integer");
        error("99999999999999999999,a,1\n", 1, "ID", "out of range for BIGINT");
        error("1,abcdefghijkl,1\n", 1, "NAME", "too long for VARCHAR(10)");
        error("1,a,1e9\n", 1, "AMOUNT", "out of range for DECIMAL(10,2)");
    }

    @Test
    void invalidUtf8() {
        byte[] body = {'1', ',', (byte) 0xC3, (byte) 0x28, ',', '1', '\n'};
        ManagerException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> Ingress.parse(DataFormat.CSV, t, new ByteArrayInputStream(body), 10), ManagerException.class);
        assertThat(e.details()).containsEntry("record", 1L).containsEntry("reason", "the body is not valid UTF-8");
    }
}
