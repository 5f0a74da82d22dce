package io.pipelinemanager.core.internal.io.egress;

import io.pipelinemanager.core.api.Change;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.type.TypeKind;
import io.pipelinemanager.core.internal.engine.zset.Rows;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import io.pipelinemanager.core.internal.io.RelationShape;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Engine rows out as typed maps and records: Java types per column type, widening, refusals. */
class TypedRowsTest {

    private static final RelationShape V = RelationShape.of("v", List.of("id", "amount", "at", "delay", "span", "score"),
            List.of(SqlType.integer(), SqlType.decimal(10, 2).asNullable(), SqlType.timestamp(),
                    SqlType.of(TypeKind.INTERVAL_DAY_TIME), SqlType.of(TypeKind.INTERVAL_YEAR_MONTH), SqlType.real()));

    record Full(long id, BigDecimal amount, Instant at, Duration delay, Period span, double score) {
    }

    record Few(Integer ID) {
    }

    record Primitive(double amount) {
    }

    @Test
    void mapsCarryTheColumnTypesJavaValuesInColumnOrder() {
        ZSetBuilder builder = new ZSetBuilder();
        builder.add(Rows.of(1L, new BigDecimal("2.50"), LocalDateTime.of(2024, 1, 1, 0, 0), 1500L, 14L, 0.5), 2);
        builder.add(Rows.of(2L, null, LocalDateTime.of(2024, 1, 1, 0, 0), 0L, 0L, 1.0), -1);
        ZSet delta = builder.build();
        List<Change<Map>> changes = TypedRows.of(V, Map.class).changes(delta);
        assertThat(changes).extracting(Change::kind).containsExactly(Change.Kind.DELETE, Change.Kind.INSERT,
                Change.Kind.INSERT);
        assertThat(changes.get(1).row().values()).containsExactly(1, new BigDecimal("2.50"),
                LocalDateTime.of(2024, 1, 1, 0, 0), Duration.ofMillis(1500), Period.of(1, 2, 0), 0.5f);
        assertThat(Arrays.asList(changes.get(0).row().values().toArray())).containsExactly(2, null,
                LocalDateTime.of(2024, 1, 1, 0, 0), Duration.ZERO, Period.ZERO, 1.0f);
    }

    @Test
    void recordComponentsTakeTheirColumnsWideningLosslesslyOrAreRefused() {
        ZSet delta = ZSet.ofRows(Rows.of(1L, new BigDecimal("2.50"), LocalDateTime.of(2024, 1, 1, 0, 0), 10L, 1L, 0.25));
        assertThat(TypedRows.of(V, Full.class).changes(delta)).containsExactly(Change.insert(new Full(1,
                new BigDecimal("2.50"), Instant.parse("2024-01-01T00:00:00Z"), Duration.ofMillis(10), Period.ofMonths(1),
                0.25)));
        assertThat(TypedRows.of(V, Few.class).changes(delta)).containsExactly(Change.insert(new Few(1)));
        for (Class<?> refused : List.of(Primitive.class, String.class, List.class)) {
            assertThatThrownBy(() -> TypedRows.of(V, refused)).isInstanceOfSatisfying(ManagerException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.InvalidRequest));
        }
        assertThatThrownBy(() -> TypedRows.of(V, Primitive.class)).hasMessageContaining("may be NULL; use Double");
    }
}
