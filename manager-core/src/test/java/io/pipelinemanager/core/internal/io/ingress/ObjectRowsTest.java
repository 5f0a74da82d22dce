package io.pipelinemanager.core.internal.io.ingress;

import io.pipelinemanager.core.api.Change;
import io.pipelinemanager.core.api.DataFormat;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.type.TypeKind;
import io.pipelinemanager.core.internal.engine.zset.Rows;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.io.ColumnShape;
import io.pipelinemanager.core.internal.io.RelationShape;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Java rows into engine rows: which Java values each column type takes, and how rows are read. */
class ObjectRowsTest {

    private static final RelationShape T = RelationShape.of("t", List.of("id", "Name", "name2"),
            List.of(SqlType.integer(), SqlType.varchar(5).asNullable(), SqlType.varchar(-1).asNullable()));

    enum Colour { RED }

    record Row(int id, String name) {
    }

    /** A bean with a getter, an is-getter, an acronym getter and a public field; statics and setters are no columns. */
    public static final class Bean {
        public static final int IGNORED = 1;
        public int id = 7;

        public String getURL() {
            return "u";
        }

        public boolean isActive() {
            return true;
        }

        public void setName(String ignored) {
        }
    }

    @Test
    void eachColumnTypeTakesTheJavaValuesDocumented() throws Exception {
        assertThat(ObjectRows.value((byte) 1, SqlType.integer())).isEqualTo(1L);
        assertThat(ObjectRows.value((short) 2, SqlType.bigint())).isEqualTo(2L);
        assertThat(ObjectRows.value(BigInteger.TEN, SqlType.bigint())).isEqualTo(10L);
        assertThat(ObjectRows.value(new BigDecimal("3.00"), SqlType.integer())).isEqualTo(3L);
        assertThat(ObjectRows.value(" 4 ", SqlType.integer())).as("text as in CSV").isEqualTo(4L);
        assertThat(ObjectRows.value(1.125, SqlType.decimal(5, 2))).isEqualTo(new BigDecimal("1.13"));
        assertThat(ObjectRows.value(0.1f, SqlType.decimal(5, 2))).as("a float's decimal text").isEqualTo(new BigDecimal("0.10"));
        assertThat(ObjectRows.value(7, SqlType.decimal(5, 2))).isEqualTo(new BigDecimal("7.00"));
        assertThat(ObjectRows.value(1, SqlType.dbl())).isEqualTo(1.0);
        assertThat(ObjectRows.value(Double.NaN, SqlType.dbl())).isEqualTo(Double.NaN);
        assertThat(ObjectRows.value(new BigDecimal("0.1"), SqlType.real())).isEqualTo((double) 0.1f);
        assertThat(ObjectRows.value(true, SqlType.bool())).isEqualTo(true);
        assertThat(ObjectRows.value('c', SqlType.varchar(1))).isEqualTo("c");
        assertThat(ObjectRows.value(Colour.RED, SqlType.character(4))).isEqualTo("RED ");
        assertThat(ObjectRows.value(LocalDate.of(2024, 2, 29), SqlType.date())).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(ObjectRows.value(LocalTime.NOON, SqlType.time())).isEqualTo(LocalTime.NOON);
        LocalDateTime noon = LocalDateTime.of(2024, 1, 1, 12, 0);
        assertThat(ObjectRows.value(noon, SqlType.timestamp())).isEqualTo(noon);
        assertThat(ObjectRows.value(Instant.parse("2024-01-01T12:00:00Z"), SqlType.timestamp())).isEqualTo(noon);
        assertThat(ObjectRows.value(OffsetDateTime.of(noon, ZoneOffset.ofHours(2)), SqlType.timestamp()))
                .as("the local time as written, like text with an offset").isEqualTo(noon);
        assertThat(ObjectRows.value(Duration.ofSeconds(90), SqlType.of(TypeKind.INTERVAL_DAY_TIME))).isEqualTo(90_000L);
        assertThat(ObjectRows.value(Period.ofYears(1).plusMonths(2), SqlType.of(TypeKind.INTERVAL_YEAR_MONTH))).isEqualTo(14L);
        assertThat(ObjectRows.value(null, SqlType.integer())).isNull();
    }

    @Test
    void valuesThatDoNotFitAreRefusedWithTheReason() {
        refused(1L << 31, SqlType.integer(), "value 2147483648 out of range for INTEGER");
        refused(128, SqlType.tinyint(), "value 128 out of range for TINYINT");
        refused(1.5, SqlType.integer(), "expected INTEGER, got a Java Double");
        refused(new BigDecimal("1000"), SqlType.decimal(5, 2), "value 1000 out of range for DECIMAL(5,2)");
        refused(Double.POSITIVE_INFINITY, SqlType.decimal(5, 2), "value Infinity out of range for DECIMAL(5,2)");
        refused(BigDecimal.TEN.pow(400), SqlType.dbl(), "out of range for DOUBLE");
        refused(1, SqlType.bool(), "expected BOOLEAN, got a Java Integer");
        refused(1, SqlType.varchar(-1), "expected VARCHAR, got a Java Integer");
        refused("toolong", SqlType.varchar(3), "string of length 7 is too long for VARCHAR(3)");
        refused(LocalDateTime.MIN, SqlType.date(), "expected DATE, got a Java LocalDateTime");
        refused(Period.ofDays(1), SqlType.of(TypeKind.INTERVAL_YEAR_MONTH), "expected INTERVAL_YEAR_MONTH, got a Java Period");
        refused(new Row(1, "x"), SqlType.varchar(-1), "got a " + Row.class.getName());
    }

    private static void refused(Object value, SqlType type, String reason) {
        assertThatThrownBy(() -> ObjectRows.value(value, type)).as("%s for %s", value, type)
                .isInstanceOf(BadValueException.class).hasMessageContaining(reason);
    }

    @Test
    void mapsRecordsAndBeansBecomeTheSameRowsAsTheirJson() throws Exception {
        ZSet pushed = ObjectRows.convert(T, List.of(Change.insert(Map.of("ID", 1, "name", "ann")),
                Change.insert(new Row(2, "bob")), Change.delete(Map.of("id", 3))), null, 10, bytes -> { }).toZSet();
        ZSet parsed = IngressAssertions.parse(DataFormat.JSON, T, """
                {"insert": {"id": 1, "Name": "ann"}}
                {"insert": {"id": 2, "Name": "bob"}}
                {"delete": {"id": 3}}
                """);
        assertThat(pushed).isEqualTo(parsed);
        assertThat(pushed.weight(Rows.of(3L, null, null))).isEqualTo(-1);

        RelationShape beans = RelationShape.of("b", List.of("id", "url", "active"),
                List.of(SqlType.integer(), SqlType.varchar(-1), SqlType.bool()));
        assertThat(ObjectRows.convert(beans, List.of(new Bean()), Change.Kind.INSERT, 10, bytes -> { }).toZSet())
                .isEqualTo(ZSet.ofRows(Rows.of(7L, "u", true)));
    }

    @Test
    void namesMatchLikeUnquotedIdentifiersAndEveryRowIsChargedBeforeItIsKept() {
        // "Name" and "name2" differ by more than case, so "NAME" finds "Name"; an exact match always wins.
        AtomicLong charged = new AtomicLong();
        ZSet z = ObjectRows.convert(T, List.of(Map.of("id", 1, "NAME", "x", "Name2", "y")), Change.Kind.INSERT, 10,
                charged::addAndGet).toZSet();
        assertThat(z).isEqualTo(ZSet.ofRows(Rows.of(1L, "x", "y")));
        assertThat(charged.get()).isPositive();

        assertThatThrownBy(() -> ObjectRows.convert(T, List.of(Map.of("id", 1), Map.of("id", 2)), Change.Kind.INSERT, 1,
                bytes -> { })).isInstanceOfSatisfying(ManagerException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BackPressure));
        RelationShape twins = RelationShape.of("tw", List.of("a", "A"), List.of(SqlType.integer(), SqlType.integer()));
        assertThat(ObjectRows.convert(twins, List.of(Map.of("a", 1, "A", 2)), Change.Kind.INSERT, 10, bytes -> { }).toZSet())
                .isEqualTo(ZSet.ofRows(Rows.of(1L, 2L)));
        assertThatThrownBy(() -> ObjectRows.convert(twins, List.of(Map.of("a", 1, "A", 2, "x", 3)), Change.Kind.INSERT,
                10, bytes -> { })).hasMessageContaining("unknown column \"x\"");
    }

    record Other(String name, int id) {
    }

    record Stranger(int id, String nickname) {
    }

    @Test
    void rowsOfSeveralClassesInOnePushFindTheirColumnsEachTime() {
        // The columns of a class are found once per push: alternating classes must not reuse another's mapping.
        ZSet z = ObjectRows.convert(T, List.of(new Row(1, "a"), new Other("b", 2), new Row(3, "c"), Map.of("id", 4),
                new Other("e", 5)), Change.Kind.INSERT, 10, bytes -> { }).toZSet();
        assertThat(z).isEqualTo(ZSet.ofRows(Rows.of(1L, "a", null), Rows.of(2L, "b", null), Rows.of(3L, "c", null),
                Rows.of(4L, null, null), Rows.of(5L, "e", null)));
        assertThatThrownBy(() -> ObjectRows.convert(T, List.of(new Row(1, "a"), new Stranger(2, "x")),
                Change.Kind.INSERT, 10, bytes -> { })).isInstanceOfSatisfying(ManagerException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.ParseError);
                    assertThat(e.getMessage()).contains("unknown column \"nickname\"");
                    assertThat(e.details()).containsEntry("record", 2L);
                });
        assertThatThrownBy(() -> ObjectRows.convert(T, java.util.Arrays.asList(new Row(1, "a"), null), Change.Kind.INSERT,
                10, bytes -> { })).hasMessageContaining("the row is null");
    }
}
