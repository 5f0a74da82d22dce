package io.pipelinemanager.core.internal.engine.type;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValuesTest {
    @Test
    void normalizeConvertsJavaValuesToEngineRepresentation() {
        assertThat(Values.normalize(5, SqlType.integer())).isEqualTo(5L);
        assertThat(Values.normalize(new BigDecimal("7"), SqlType.bigint())).isEqualTo(7L);
        assertThat(Values.normalize("12", SqlType.integer())).isEqualTo(12L);
        assertThat(Values.normalize(1.5f, SqlType.dbl())).isEqualTo(1.5);
        assertThat(Values.normalize(new BigDecimal("1.5"), SqlType.dbl())).isEqualTo(1.5);
        assertThat(Values.normalize(2, SqlType.decimal(5, 2))).isEqualTo(new BigDecimal("2.00"));
        assertThat(Values.normalize("2024-01-02", SqlType.date())).isEqualTo(LocalDate.of(2024, 1, 2));
        assertThat(Values.normalize(null, SqlType.integer())).isNull();
        assertThat(Values.normalizeAll(List.of(SqlType.integer(), SqlType.varchar(-1)), 1, "x"))
                .containsExactly(1L, "x");
    }

    @Test
    void totalOrderAcrossNumericClassesAndNullsFirst() {
        List<Object> vs = new ArrayList<>(Arrays.asList(3L, null, 2.5, new BigDecimal("2.75"), -1L));
        vs.sort(Values::compare);
        assertThat(vs).containsExactly(null, -1L, 2.5, new BigDecimal("2.75"), 3L);
        assertThat(Values.compare("a", "b")).isNegative();
        assertThat(Values.compare(false, true)).isNegative();
        assertThat(Values.equal(1L, 1.0)).isTrue();
        assertThat(Values.hash(1L)).isEqualTo(Values.hash(1.0)).isEqualTo(Values.hash(new BigDecimal("1.000")));
        assertThat(Values.equal(null, null)).isTrue();
        assertThat(Values.equal(null, 0L)).isFalse();
    }

    @Test
    void valueChecksFollowTheRepresentation() {
        assertThat(ValueChecks.problem(1L, SqlType.integer())).isNull();
        assertThat(ValueChecks.problem(1, SqlType.integer())).contains("Long");
        assertThat(ValueChecks.problem(200L, SqlType.tinyint())).contains("range");
        assertThat(ValueChecks.problem(null, SqlType.integer())).contains("NOT NULL");
        assertThat(ValueChecks.problem(null, SqlType.integer().asNullable())).isNull();
    }
}
