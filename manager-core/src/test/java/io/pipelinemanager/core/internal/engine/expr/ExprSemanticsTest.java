package io.pipelinemanager.core.internal.engine.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelinemanager.core.internal.engine.type.SqlRuntimeException;
import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.zset.ArrayRow;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExprSemanticsTest {
    static final SqlType INT = SqlType.integer().asNullable();
    static final SqlType BIG = SqlType.bigint().asNullable();
    static final SqlType BOOL = SqlType.bool().asNullable();
    static final SqlType DBL = SqlType.dbl().asNullable();
    static final SqlType STR = SqlType.varchar(-1).asNullable();

    static Object eval(Expr e) {
        return e.eval(ArrayRow.EMPTY);
    }

    static Expr b(Boolean v) {
        return Exprs.literal(v, BOOL);
    }

    static Expr i(Integer v) {
        return Exprs.literal(v, INT);
    }

    static Expr s(String v) {
        return Exprs.literal(v, STR);
    }

    static Object call(String fn, SqlType t, Expr... args) {
        return eval(Exprs.call(fn, t, List.of(args)));
    }

    static SqlRuntimeException.Code errorOf(String fn, SqlType t, Expr... args) {
        try {
            call(fn, t, args);
        } catch (SqlRuntimeException e) {
            return e.code();
        }
        return null;
    }

    @Test
    void threeValuedAndOrNotTruthTables() {
        Boolean[] vals = {Boolean.TRUE, Boolean.FALSE, null};
        // expected AND[a][b], OR[a][b] in order TRUE, FALSE, NULL
        Boolean[][] and = {{true, false, null}, {false, false, false}, {null, false, null}};
        Boolean[][] or = {{true, true, true}, {true, false, null}, {true, null, null}};
        for (int x = 0; x < 3; x++) {
            for (int y = 0; y < 3; y++) {
                assertThat(eval(Exprs.and(b(vals[x]), b(vals[y])))).as("AND %s %s", vals[x], vals[y]).isEqualTo(and[x][y]);
                assertThat(eval(Exprs.or(b(vals[x]), b(vals[y])))).as("OR %s %s", vals[x], vals[y]).isEqualTo(or[x][y]);
            }
        }
        assertThat(eval(Exprs.not(b(true)))).isEqualTo(false);
        assertThat(eval(Exprs.not(b(null)))).isNull();
    }

    @Test
    void truthTestsNeverReturnNull() {
        assertThat(call("IS_TRUE", SqlType.bool(), b(null))).isEqualTo(false);
        assertThat(call("IS_NOT_TRUE", SqlType.bool(), b(null))).isEqualTo(true);
        assertThat(call("IS_FALSE", SqlType.bool(), b(false))).isEqualTo(true);
        assertThat(call("IS_NOT_FALSE", SqlType.bool(), b(null))).isEqualTo(true);
        assertThat(call("IS_NULL", SqlType.bool(), i(null))).isEqualTo(true);
        assertThat(call("IS_NOT_NULL", SqlType.bool(), i(3))).isEqualTo(true);
        assertThat(call("IS_DISTINCT_FROM", SqlType.bool(), i(null), i(null))).isEqualTo(false);
        assertThat(call("IS_DISTINCT_FROM", SqlType.bool(), i(1), i(null))).isEqualTo(true);
        assertThat(call("IS_NOT_DISTINCT_FROM", SqlType.bool(), i(2), i(2))).isEqualTo(true);
    }

    @Test
    void comparisonsPropagateNullAndPromoteNumbers() {
        assertThat(call("=", BOOL, i(1), i(null))).isNull();
        assertThat(call("<", BOOL, i(1), Exprs.literal(1.5, DBL))).isEqualTo(true);
        assertThat(call("=", BOOL, i(2), Exprs.literal(new BigDecimal("2.00"), SqlType.decimal(5, 2)))).isEqualTo(true);
        assertThat(call(">=", BOOL, s("b"), s("a"))).isEqualTo(true);
        assertThat(call("<>", BOOL, i(3), i(3))).isEqualTo(false);
    }

    @Test
    void integerOverflowIsAnErrorPerResultType() {
        assertThat(errorOf("+", INT, i(Integer.MAX_VALUE), i(1))).isEqualTo(SqlRuntimeException.Code.OVERFLOW);
        assertThat(errorOf("*", INT, i(65536), i(65536))).isEqualTo(SqlRuntimeException.Code.OVERFLOW);
        assertThat(call("+", BIG, i(Integer.MAX_VALUE), i(1))).isEqualTo(2147483648L);
        Expr maxBig = Exprs.literal(Long.MAX_VALUE, BIG);
        assertThat(errorOf("+", BIG, maxBig, Exprs.literal(1L, BIG))).isEqualTo(SqlRuntimeException.Code.OVERFLOW);
        assertThat(errorOf("MINUS_PREFIX", INT, i(Integer.MIN_VALUE))).isEqualTo(SqlRuntimeException.Code.OVERFLOW);
        assertThat(errorOf("/", BIG, Exprs.literal(Long.MIN_VALUE, BIG), Exprs.literal(-1L, BIG)))
                .isEqualTo(SqlRuntimeException.Code.OVERFLOW);
        assertThat(errorOf("ABS", INT, i(Integer.MIN_VALUE))).isEqualTo(SqlRuntimeException.Code.OVERFLOW);
        assertThat(errorOf("+", SqlType.tinyint(), Exprs.literal(100, SqlType.tinyint()), Exprs.literal(100, SqlType.tinyint())))
                .isEqualTo(SqlRuntimeException.Code.OVERFLOW);
    }

    @Test
    void divisionByZeroIsAnError() {
        assertThat(errorOf("/", INT, i(1), i(0))).isEqualTo(SqlRuntimeException.Code.DIVISION_BY_ZERO);
        assertThat(errorOf("MOD", INT, i(1), i(0))).isEqualTo(SqlRuntimeException.Code.DIVISION_BY_ZERO);
        assertThat(errorOf("/", DBL, Exprs.literal(1.0, DBL), Exprs.literal(0.0, DBL))).isEqualTo(SqlRuntimeException.Code.DIVISION_BY_ZERO);
        assertThat(errorOf("/", SqlType.decimal(10, 2), Exprs.literal(new BigDecimal("1.5"), SqlType.decimal(10, 2)),
                Exprs.literal(BigDecimal.ZERO, SqlType.decimal(10, 2)))).isEqualTo(SqlRuntimeException.Code.DIVISION_BY_ZERO);
        assertThat(call("/", INT, i(null), i(0))).isNull();
    }

    @Test
    void integerDivisionTruncatesAndModuloKeepsDividendSign() {
        assertThat(call("/", INT, i(7), i(2))).isEqualTo(3L);
        assertThat(call("/", INT, i(-7), i(2))).isEqualTo(-3L);
        assertThat(call("/", INT, i(7), i(-2))).isEqualTo(-3L);
        assertThat(call("%", INT, i(-7), i(2))).isEqualTo(-1L);
        assertThat(call("MOD", INT, i(7), i(-2))).isEqualTo(1L);
        assertThat(call("+", INT, i(1), i(null))).isNull();
        assertThat(call("-", DBL, i(1), Exprs.literal(0.5, DBL))).isEqualTo(0.5);
    }

    @Test
    void decimalArithmeticUsesResultScale() {
        SqlType d = SqlType.decimal(10, 2);
        Expr a = Exprs.literal(new BigDecimal("1.25"), d);
        Expr c = Exprs.literal(new BigDecimal("3"), SqlType.decimal(10, 0));
        assertThat(call("*", SqlType.decimal(20, 2), a, c)).isEqualTo(new BigDecimal("3.75"));
        assertThat(call("/", SqlType.decimal(10, 4), a, c)).isEqualTo(new BigDecimal("0.4167"));
        assertThat(errorOf("*", SqlType.decimal(3, 2), a, c)).isNull();
        assertThat(errorOf("*", SqlType.decimal(3, 2), c, Exprs.literal(new BigDecimal("10"), SqlType.decimal(10, 0)))).isEqualTo(SqlRuntimeException.Code.OVERFLOW);
    }

    @Test
    void castEdgeCases() {
        assertThat(eval(Exprs.cast(s(" 42 "), INT))).isEqualTo(42L);
        // As PostgreSQL: DOUBLE → integer rounds half to even, DECIMAL → integer half away from zero.
        assertThat(eval(Exprs.cast(Exprs.literal(2.9, DBL), INT))).isEqualTo(3L);
        assertThat(eval(Exprs.cast(Exprs.literal(-2.9, DBL), INT))).isEqualTo(-3L);
        assertThat(eval(Exprs.cast(Exprs.literal(2.5, DBL), INT))).isEqualTo(2L);
        assertThat(eval(Exprs.cast(Exprs.literal(-3.5, DBL), INT))).isEqualTo(-4L);
        assertThat(eval(Exprs.cast(Exprs.literal(new BigDecimal("2.5"), SqlType.decimal(2, 1)), INT))).isEqualTo(3L);
        assertThat(eval(Exprs.cast(Exprs.literal(new BigDecimal("-2.5"), SqlType.decimal(2, 1)), INT))).isEqualTo(-3L);
        assertThat(eval(Exprs.cast(i(3), DBL))).isEqualTo(3.0);
        assertThat(eval(Exprs.cast(i(null), DBL))).isNull();
        assertThat(eval(Exprs.cast(Exprs.literal(1.005, DBL), SqlType.decimal(5, 2)))).isEqualTo(new BigDecimal("1.01"));
        assertThat(eval(Exprs.cast(i(42), STR))).isEqualTo("42");
        assertThat(eval(Exprs.cast(s("abcdef"), SqlType.varchar(3)))).isEqualTo("abc");
        assertThat(eval(Exprs.cast(s("ab"), SqlType.character(4)))).isEqualTo("ab  ");
        assertThat(eval(Exprs.cast(s("TRUE"), BOOL))).isEqualTo(true);
        assertThat(eval(Exprs.cast(s("2024-02-29"), SqlType.date()))).isEqualTo(java.time.LocalDate.of(2024, 2, 29));
        assertThat(eval(Exprs.cast(s("2024-02-29 10:11:12"), SqlType.timestamp())))
                .isEqualTo(java.time.LocalDateTime.of(2024, 2, 29, 10, 11, 12));
        assertThat(eval(Exprs.cast(Exprs.literal("2024-02-29 10:11:12", SqlType.timestamp()), STR)))
                .isEqualTo("2024-02-29 10:11:12");
        assertThatThrownBy(() -> eval(Exprs.cast(s("abc"), INT)))
                .isInstanceOf(SqlRuntimeException.class).hasMessageContaining("abc");
        assertThatThrownBy(() -> eval(Exprs.cast(Exprs.literal(3_000_000_000L, BIG), INT)))
                .isInstanceOfSatisfying(SqlRuntimeException.class, e -> assertThat(e.code()).isEqualTo(SqlRuntimeException.Code.OVERFLOW));
        assertThatThrownBy(() -> eval(Exprs.cast(i(300), SqlType.tinyint()))).isInstanceOf(SqlRuntimeException.class);
        assertThatThrownBy(() -> eval(Exprs.cast(Exprs.literal(new BigDecimal("1234.5"), SqlType.decimal(10, 1)), SqlType.decimal(4, 1))))
                .isInstanceOf(SqlRuntimeException.class);
    }

    @Test
    void likeWithWildcardsAndEscape() {
        assertThat(call("LIKE", BOOL, s("abcd"), s("a%d"))).isEqualTo(true);
        assertThat(call("LIKE", BOOL, s("abcd"), s("a_c%"))).isEqualTo(true);
        assertThat(call("LIKE", BOOL, s("abcd"), s("a_d"))).isEqualTo(false);
        assertThat(call("LIKE", BOOL, s("a%b"), s("a!%b"), s("!"))).isEqualTo(true);
        assertThat(call("LIKE", BOOL, s("axb"), s("a!%b"), s("!"))).isEqualTo(false);
        assertThat(call("NOT_LIKE", BOOL, s("abc"), s("a.c"))).isEqualTo(true);
        assertThat(call("LIKE", BOOL, s(null), s("%"))).isNull();
        assertThat(call("LIKE", BOOL, s("a\nb"), s("a%"))).isEqualTo(true);
    }

    @Test
    void extractFromDatesAndTimestamps() {
        Expr d = Exprs.literal(java.time.LocalDate.of(2024, 3, 10), SqlType.date());
        Expr ts = Exprs.literal(java.time.LocalDateTime.of(2023, 12, 31, 23, 59, 58), SqlType.timestamp());
        assertThat(call("EXTRACT", BIG, s("YEAR"), d)).isEqualTo(2024L);
        assertThat(call("EXTRACT", BIG, s("MONTH"), d)).isEqualTo(3L);
        assertThat(call("EXTRACT", BIG, s("DAY"), d)).isEqualTo(10L);
        assertThat(call("EXTRACT", BIG, s("DOW"), d)).isEqualTo(0L); // Sunday = 0 (PostgreSQL)
        assertThat(call("EXTRACT", BIG, s("ISODOW"), d)).isEqualTo(7L);
        assertThat(call("EXTRACT", BIG, s("DOY"), ts)).isEqualTo(365L);
        assertThat(call("EXTRACT", BIG, s("HOUR"), ts)).isEqualTo(23L);
        assertThat(call("EXTRACT", BIG, s("MINUTE"), ts)).isEqualTo(59L);
        assertThat(call("EXTRACT", BIG, s("SECOND"), ts)).isEqualTo(58L);
        assertThat(call("EXTRACT", BIG, s("QUARTER"), ts)).isEqualTo(4L);
    }

    @Test
    void datetimePlusAndMinusIntervals() {
        Expr d = Exprs.literal(java.time.LocalDate.of(2024, 1, 31), SqlType.date());
        Expr oneMonth = Exprs.literal(1L, SqlType.of(io.pipelinemanager.core.internal.engine.type.TypeKind.INTERVAL_YEAR_MONTH));
        Expr twoDays = Exprs.literal(2 * 86_400_000L, SqlType.of(io.pipelinemanager.core.internal.engine.type.TypeKind.INTERVAL_DAY_TIME));
        assertThat(call("DATETIME_PLUS", SqlType.date(), d, oneMonth)).isEqualTo(java.time.LocalDate.of(2024, 2, 29));
        assertThat(call("MINUS", SqlType.date(), d, twoDays)).isEqualTo(java.time.LocalDate.of(2024, 1, 29));
        Expr ts = Exprs.literal(java.time.LocalDateTime.of(2024, 1, 1, 0, 0), SqlType.timestamp());
        assertThat(call("+", SqlType.timestamp(), ts, twoDays)).isEqualTo(java.time.LocalDateTime.of(2024, 1, 3, 0, 0));
    }

    @Test
    void floorAndCeilOfDatetimes() {
        Expr ts = Exprs.literal(java.time.LocalDateTime.of(2024, 5, 17, 13, 45, 10), SqlType.timestamp());
        assertThat(call("FLOOR", SqlType.timestamp(), ts, s("DAY"))).isEqualTo(java.time.LocalDateTime.of(2024, 5, 17, 0, 0));
        assertThat(call("CEIL", SqlType.timestamp(), ts, s("HOUR"))).isEqualTo(java.time.LocalDateTime.of(2024, 5, 17, 14, 0));
        assertThat(call("FLOOR", SqlType.timestamp(), ts, s("QUARTER"))).isEqualTo(java.time.LocalDateTime.of(2024, 4, 1, 0, 0));
        Expr d = Exprs.literal(java.time.LocalDate.of(2024, 5, 17), SqlType.date());
        assertThat(call("CEIL", SqlType.date(), d, s("MONTH"))).isEqualTo(java.time.LocalDate.of(2024, 6, 1));
        assertThat(call("FLOOR", SqlType.date(), d, s("YEAR"))).isEqualTo(java.time.LocalDate.of(2024, 1, 1));
    }

    @Test
    void caseCoalesceNullIfAndIn() {
        Expr c = Exprs.call("CASE", INT, List.of(b(null), i(1), b(false), i(2), i(3)));
        assertThat(eval(c)).isEqualTo(3L);
        assertThat(eval(Exprs.call("CASE", INT, List.of(b(false), i(1))))).isNull();
        assertThat(eval(Exprs.simpleCase(i(2), List.of(i(1), i(2)), List.of(s("a"), s("b")), null, STR))).isEqualTo("b");
        assertThat(call("COALESCE", INT, i(null), i(null), i(7))).isEqualTo(7L);
        assertThat(call("COALESCE", DBL, i(null), i(7))).isEqualTo(7.0);
        assertThat(call("NULLIF", INT, i(7), i(7))).isNull();
        assertThat(call("NULLIF", INT, i(7), i(8))).isEqualTo(7L);
        assertThat(eval(Exprs.in(i(2), List.of(1, 2)))).isEqualTo(true);
        assertThat(eval(Exprs.in(i(3), Arrays.asList(1, null)))).isNull();
        assertThat(eval(Exprs.in(i(3), List.of(1, 2)))).isEqualTo(false);
        assertThat(eval(Exprs.in(i(null), List.of(1, 2)))).isNull();
    }

    @Test
    void stringFunctions() {
        assertThat(call("||", STR, s("ab"), s("cd"))).isEqualTo("abcd");
        assertThat(call("||", STR, s("ab"), s(null))).isNull();
        assertThat(call("CONCAT_IGNORE_NULLS", STR, s("ab"), s(null), s("c"))).isEqualTo("abc");
        assertThat(call("UPPER", STR, s("aBc"))).isEqualTo("ABC");
        assertThat(call("LOWER", STR, s("aBc"))).isEqualTo("abc");
        assertThat(call("TRIM", STR, s("BOTH"), s(" "), s("  x  "))).isEqualTo("x");
        assertThat(call("TRIM", STR, s("LEADING"), s("x"), s("xxyx"))).isEqualTo("yx");
        assertThat(call("LTRIM", STR, s("  x "))).isEqualTo("x ");
        assertThat(call("RTRIM", STR, s("  x "))).isEqualTo("  x");
        assertThat(call("SUBSTRING", STR, s("hello"), i(2), i(3))).isEqualTo("ell");
        assertThat(call("SUBSTRING", STR, s("hello"), i(0), i(2))).isEqualTo("h");
        assertThat(call("SUBSTRING", STR, s("hello"), i(4))).isEqualTo("lo");
        assertThat(call("CHAR_LENGTH", INT, s("héllo"))).isEqualTo(5L);
        assertThat(call("POSITION", INT, s("ll"), s("hello"))).isEqualTo(3L);
        assertThat(call("POSITION", INT, s("z"), s("hello"))).isEqualTo(0L);
        assertThat(call("REPLACE", STR, s("banana"), s("an"), s("AN"))).isEqualTo("bANANa");
    }

    @Test
    void mathFunctions() {
        assertThat(call("ABS", INT, i(-4))).isEqualTo(4L);
        assertThat(call("SIGN", INT, i(-4))).isEqualTo(-1L);
        assertThat(call("ROUND", SqlType.decimal(10, 1), Exprs.literal(new BigDecimal("2.45"), SqlType.decimal(10, 2)), i(1)))
                .isEqualTo(new BigDecimal("2.5"));
        assertThat(call("ROUND", DBL, Exprs.literal(-2.5, DBL))).isEqualTo(-3.0);
        assertThat(call("FLOOR", DBL, Exprs.literal(-2.5, DBL))).isEqualTo(-3.0);
        assertThat(call("CEIL", SqlType.decimal(10, 0), Exprs.literal(new BigDecimal("2.1"), SqlType.decimal(10, 1))))
                .isEqualTo(new BigDecimal("3"));
        assertThat(call("POWER", DBL, i(2), i(10))).isEqualTo(1024.0);
        assertThat(call("SQRT", DBL, i(16))).isEqualTo(4.0);
        assertThat(call("TRUNCATE", SqlType.decimal(10, 1), Exprs.literal(new BigDecimal("-2.46"), SqlType.decimal(10, 2)), i(1)))
                .isEqualTo(new BigDecimal("-2.4"));
        assertThat(errorOf("SQRT", DBL, i(-1))).isEqualTo(SqlRuntimeException.Code.INVALID_ARGUMENT);
    }
}
