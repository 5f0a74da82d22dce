package io.pipelinemanager.core.internal.io.ingress;

import static io.pipelinemanager.core.internal.io.ingress.IngressAssertions.assertParseError;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.api.DataFormat;
import io.pipelinemanager.core.internal.io.RelationShape;
import io.pipelinemanager.core.internal.io.Shapes;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** Per-type conversion and checks through both formats, on a table with one column of every type. */
class ValueConversionTest {
    private final RelationShape all = Shapes.allTypes();

    private Row single(DataFormat f, String body) {
        ZSet z = IngressAssertions.parse(f, all, body);
        assertThat(z.size()).isEqualTo(1);
        assertThat(z.weightAt(0)).isEqualTo(1);
        return z.row(0);
    }

    /** A JSON record with K=1 plus one column. */
    private Row json(String column, String value) {
        return single(DataFormat.JSON, "{\"K\": 1, \"" + column + "\": " + value + "}");
    }

    private void jsonError(String column, String value, String reason) {
        assertParseError(DataFormat.JSON, all, "{\"K\": 0}\n{\"K\": 1, \"" + column + "\": " + value + "}", 2, column, reason);
    }

    @Test
    void everyTypeFromJson() {
        Row r = single(DataFormat.JSON, "{\"K\": 1, \"B\": true, \"TI\": -128, \"SI\": 32767, \"I\": -2147483648,"
                + " \"BI\": 9223372036854775807, \"DEC\": 123.456, \"R\": 0.1, \"D\": 1e300, \"C\": \"ab\", \"VC\": \"héllo\","
                + " \"DT\": \"2024-02-29\", \"TM\": \"23:59:59.5\", \"TS\": \"2024-01-02 03:04:05.678\", \"IDT\": 86400000, \"IYM\": 14}");
        assertThat(r.get(0)).isEqualTo(1L);
        assertThat(r.get(1)).isEqualTo(true);
        assertThat(r.get(2)).isEqualTo(-128L);
        assertThat(r.get(3)).isEqualTo(32767L);
        assertThat(r.get(4)).isEqualTo(-2147483648L);
        assertThat(r.get(5)).isEqualTo(Long.MAX_VALUE);
        assertThat(r.get(6)).isEqualTo(new BigDecimal("123.46"));
        assertThat(r.get(7)).isEqualTo((double) 0.1f);
        assertThat(r.get(8)).isEqualTo(1e300);
        assertThat(r.get(9)).isEqualTo("ab ");
        assertThat(r.get(10)).isEqualTo("héllo");
        assertThat(r.get(11)).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(r.get(12)).isEqualTo(LocalTime.of(23, 59, 59, 500_000_000));
        assertThat(r.get(13)).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 678_000_000));
        assertThat(r.get(14)).isEqualTo(86_400_000L);
        assertThat(r.get(15)).isEqualTo(14L);
    }

    @Test
    void everyTypeFromCsvAndNullsForEmptyFields() {
        Row r = single(DataFormat.CSV, "1,T,1,2,3,4,-0.005,1.5,NaN,\"x\",\"\",2024-01-31,12:00,2024-01-31T12:00:01,-5,-1\n");
        assertThat(r).isEqualTo(io.pipelinemanager.core.internal.engine.zset.Rows.of(1L, true, 1L, 2L, 3L, 4L,
                new BigDecimal("-0.01"), 1.5, Double.NaN, "x  ", "", LocalDate.of(2024, 1, 31), LocalTime.NOON,
                LocalDateTime.of(2024, 1, 31, 12, 0, 1), -5L, -1L));
        Row nulls = single(DataFormat.CSV, "7,,,,,,,,,,,,,,,\n");
        for (int i = 1; i < nulls.size(); i++) {
            assertThat(nulls.get(i)).as("column %d", i).isNull();
        }
    }

    @Test
    void booleanSpellings() {
        for (String yes : new String[] {"true", "TRUE", "t", "T", "1", " True "}) {
            assertThat(single(DataFormat.CSV, "1," + yes + ",,,,,,,,,,,,,,\n").get(1)).as(yes).isEqualTo(true);
        }
        for (String no : new String[] {"false", "F", "f", "0"}) {
            assertThat(single(DataFormat.CSV, "1," + no + ",,,,,,,,,,,,,,\n").get(1)).as(no).isEqualTo(false);
        }
        assertThat(json("B", "\"f\"").get(1)).isEqualTo(false);
        jsonError("B", "\"yes\"", "invalid BOOLEAN value 'yes'");
        jsonError("B", "1", "expected BOOLEAN, got number 1");
    }

    @Test
    void integerRangesPerType() {
        jsonError("TI", "128", "value 128 out of range for TINYINT");
        jsonError("TI", "-129", "value -129 out of range for TINYINT");
        jsonError("SI", "32768", "out of range for SMALLINT");
        jsonError("I", "2147483648", "out of range for INTEGER");
        jsonError("I", "\"-2147483649\"", "out of range for INTEGER");
        jsonError("BI", "-9223372036854775809", "out of range for BIGINT");
        jsonError("I", "2.5", "value 2.5 is not an integer (INTEGER)");
        assertThat(json("SI", "-32768").get(3)).isEqualTo(-32768L);
    }

    @Test
    void approximateNumbers() {
        assertThat(json("D", "\"-Infinity\"").get(8)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(json("D", "\"NaN\"").get(8)).isEqualTo(Double.NaN);
        assertThat(json("R", "3").get(7)).isEqualTo(3.0);
        jsonError("R", "1e39", "out of range for REAL");
        jsonError("D", "1e309", "out of range for DOUBLE");
        jsonError("D", "\"0x10\"", "invalid DOUBLE value '0x10'");
        jsonError("D", "\"1d\"", "invalid DOUBLE value '1d'");
        jsonError("D", "false", "expected DOUBLE, got boolean false");
    }

    @Test
    void decimalRoundsHalfUpToScaleAndChecksIntegerDigits() {
        assertThat(json("DEC", "999.994").get(6)).isEqualTo(new BigDecimal("999.99"));
        assertThat(json("DEC", "-0.005").get(6)).isEqualTo(new BigDecimal("-0.01"));
        assertThat(json("DEC", "1e-900").get(6)).isEqualTo(new BigDecimal("0.00"));
        assertThat(json("DEC", "\"12\"").get(6)).isEqualTo(new BigDecimal("12.00"));
        jsonError("DEC", "999.995", "out of range for DECIMAL(5,2)");
        jsonError("DEC", "1000", "value 1000 out of range for DECIMAL(5,2)");
        jsonError("DEC", "1e999999999", "out of range for DECIMAL(5,2)");
    }

    @Test
    void stringLengths() {
        assertThat(json("VC", "\"ééééé\"").get(10)).isEqualTo("ééééé");
        assertThat(json("C", "\"abc\"").get(9)).isEqualTo("abc");
        jsonError("C", "\"abcd\"", "string of length 4 is too long for CHAR(3)");
        jsonError("VC", "\"abcdef\"", "string of length 6 is too long for VARCHAR(5)");
        jsonError("VC", "true", "expected VARCHAR(5), got boolean true");
    }

    @Test
    void datesTimesAndTimestamps() {
        assertThat(json("TS", "\"2024-01-02T03:04:05\"").get(13)).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5));
        assertThat(json("TS", "\"2024-01-02 03:04\"").get(13)).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4));
        jsonError("DT", "\"2023-02-29\"", "invalid DATE value '2023-02-29' (expected YYYY-MM-DD)");
        jsonError("DT", "\"31/01/2024\"", "invalid DATE value '31/01/2024'");
        jsonError("DT", "20240131", "expected DATE, got number 20240131");
        jsonError("TM", "\"25:00:00\"", "invalid TIME value '25:00:00'");
        jsonError("TS", "\"2024-01-02\"", "invalid TIMESTAMP value '2024-01-02'");
        jsonError("TS", "\"2024-01-02 03:04:05 Z\"", "invalid TIMESTAMP value");
        jsonError("TS", "\"2024-01-02T03:04:05+25:00\"", "invalid TIMESTAMP value");
        jsonError("TS", "\"2024-01-02T03:04:05+2\"", "invalid TIMESTAMP value");
        assertParseError(DataFormat.CSV, all, "1,,,,,,,,,,,2024-13-01,,,,\n", 1, "DT", "invalid DATE value '2024-13-01'");
    }

    /** ISO 8601 with {@code T}, fractions and UTC offsets; the offset is dropped as PostgreSQL does for timestamp. */
    @Test
    void isoTimestampsWithOffsetsKeepTheWrittenLocalTime() {
        LocalDateTime local = LocalDateTime.of(2026, 11, 30, 10, 15, 30);
        assertThat(json("TS", "\"2026-11-30T10:15:30Z\"").get(13)).isEqualTo(local);
        assertThat(json("TS", "\"2026-11-30T10:15:30z\"").get(13)).isEqualTo(local);
        assertThat(json("TS", "\"2026-11-30T10:15:30+02:00\"").get(13)).isEqualTo(local);
        assertThat(json("TS", "\"2026-11-30 10:15:30-0530\"").get(13)).isEqualTo(local);
        assertThat(json("TS", "\"2026-11-30T10:15:30+02\"").get(13)).isEqualTo(local);
        assertThat(json("TS", "\"2026-11-30T10:15:30.123456789+14:00\"").get(13)).isEqualTo(local.withNano(123_456_789));
        assertThat(json("TS", "\"2026-11-30T10:15:30.5Z\"").get(13)).isEqualTo(local.withNano(500_000_000));
        assertThat(json("TS", "\"2026-11-30T10:15Z\"").get(13)).isEqualTo(local.withSecond(0));
        assertParseError(DataFormat.CSV, all, "1,,,,,,,,,,,,,2026-11-30T10:15:30+02:00x,,\n", 1, "TS", "invalid TIMESTAMP value");
    }

    @Test
    void intervals() {
        assertThat(json("IDT", "\"-1000\"").get(14)).isEqualTo(-1000L);
        jsonError("IYM", "1.5", "is not an integer");
        jsonError("IDT", "\"1 day\"", "invalid INTERVAL_DAY_TIME value '1 day'");
    }
}
