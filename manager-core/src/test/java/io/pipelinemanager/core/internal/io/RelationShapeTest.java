package io.pipelinemanager.core.internal.io;

import io.pipelinemanager.core.api.DataFormat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.ProgramSchema;
import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.type.TypeKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class RelationShapeTest {
    @Test
    void lookupIsExactThenCaseInsensitiveUnlessAmbiguous() {
        RelationShape s = RelationShape.of("T", List.of("ID", "name", "x", "X"),
                List.of(SqlType.bigint(), SqlType.bigint(), SqlType.bigint(), SqlType.bigint()));
        assertThat(s.indexOf("ID")).isEqualTo(0);
        assertThat(s.indexOf("id")).isEqualTo(0);
        assertThat(s.indexOf("NAME")).isEqualTo(1);
        assertThat(s.indexOf("x")).isEqualTo(2);
        assertThat(s.indexOf("X")).isEqualTo(3);
        assertThat(s.indexOf("missing")).isEqualTo(-1);
        RelationShape amb = RelationShape.of("T", List.of("x", "X"), List.of(SqlType.bigint(), SqlType.bigint()));
        assertThat(amb.indexOf("x")).isEqualTo(0);
        assertThatThrownBy(() -> RelationShape.of("T", List.of("A", "A"), List.of(SqlType.bigint(), SqlType.bigint())))
                .hasMessageContaining("duplicate column A");
    }

    @Test
    void typeNamesFromTheCompilerSchema() {
        assertThat(SqlTypeNames.parse("DECIMAL(10, 2)", true)).isEqualTo(new SqlType(TypeKind.DECIMAL, 10, 2, true));
        assertThat(SqlTypeNames.parse("VARCHAR(20) CHARACTER SET \"UTF-16LE\" NOT NULL", false)).isEqualTo(SqlType.varchar(20));
        assertThat(SqlTypeNames.parse("varchar", true)).isEqualTo(SqlType.varchar(-1).asNullable());
        assertThat(SqlTypeNames.parse("CHAR(3)", false)).isEqualTo(SqlType.character(3));
        assertThat(SqlTypeNames.parse("INT", false)).isEqualTo(SqlType.integer());
        assertThat(SqlTypeNames.parse("TIMESTAMP(3)", false)).isEqualTo(SqlType.timestamp());
        assertThat(SqlTypeNames.parse("DOUBLE PRECISION", false)).isEqualTo(SqlType.dbl());
        assertThat(SqlTypeNames.parse("INTERVAL YEAR TO MONTH", false).kind()).isEqualTo(TypeKind.INTERVAL_YEAR_MONTH);
        assertThat(SqlTypeNames.parse("INTERVAL DAY TO SECOND(3)", false).kind()).isEqualTo(TypeKind.INTERVAL_DAY_TIME);
        assertThatThrownBy(() -> SqlTypeNames.parse("GEOMETRY", true)).hasMessageContaining("unsupported SQL type 'GEOMETRY'");
    }

    @Test
    void complexTypeNamesFromTheCompilerSchemaRoundTrip() {
        var schema = new io.pipelinemanager.core.internal.compiler.SqlCompiler().compile(
                "CREATE TABLE t(r ROW(\"my \"\"field\"\"\" INT, Nested ROW(x VARCHAR(3), m MAP<VARCHAR, INT ARRAY>)),"
                        + " pts ROW(x INT, y INT) ARRAY, m MAP<CHAR(2), ROW(a DECIMAL(5, 2))>)").schema();
        List<ProgramSchema.Column> columns = schema.tables().get(0).columns();
        assertThat(columns).extracting(ProgramSchema.Column::sqlType).containsExactly(
                "ROW(\"my \"\"field\"\"\" INTEGER, Nested ROW(x VARCHAR(3), m MAP<VARCHAR, INTEGER ARRAY>))",
                "ROW(x INTEGER, y INTEGER) ARRAY", "MAP<CHAR(2), ROW(a DECIMAL(5, 2))>");
        SqlType map = SqlType.map(SqlType.varchar(-1), SqlType.array(SqlType.integer().asNullable()).asNullable());
        SqlType inner = SqlType.row(List.of("x", "m"), List.of(SqlType.varchar(3).asNullable(), map.asNullable()));
        assertThat(SqlTypeNames.parse(columns.get(0).sqlType(), true)).isEqualTo(SqlType.row(
                List.of("my \"field\"", "Nested"), List.of(SqlType.integer().asNullable(), inner.asNullable())).asNullable());
        assertThat(SqlTypeNames.parse(columns.get(1).sqlType(), false)).isEqualTo(SqlType.array(SqlType.row(
                List.of("x", "y"), List.of(SqlType.integer().asNullable(), SqlType.integer().asNullable())).asNullable()));
        assertThat(SqlTypeNames.parse(columns.get(2).sqlType(), true)).isEqualTo(SqlType.map(SqlType.character(2),
                SqlType.row(List.of("a"), List.of(SqlType.decimal(5, 2).asNullable())).asNullable()).asNullable());
    }

    @Test
    void shapeFromProgramSchema() {
        ProgramSchema.Relation r = new ProgramSchema.Relation("T", List.of(
                new ProgramSchema.Column("ID", "BIGINT", false),
                new ProgramSchema.Column("PRICE", "DECIMAL(8, 3)", true)), List.of("ID"), false);
        RelationShape s = RelationShape.from(r);
        assertThat(s.name()).isEqualTo("T");
        assertThat(s.columns()).containsExactly(new ColumnShape("ID", SqlType.bigint()),
                new ColumnShape("PRICE", new SqlType(TypeKind.DECIMAL, 8, 3, true)));
    }

    @Test
    void formatNames() {
        assertThat(DataFormat.fromName(null)).isEqualTo(DataFormat.JSON);
        assertThat(DataFormat.fromName("CSV")).isEqualTo(DataFormat.CSV);
        assertThat(DataFormat.fromName("ndjson")).isEqualTo(DataFormat.JSON);
        assertThatThrownBy(() -> DataFormat.fromName("xml")).isInstanceOfSatisfying(ManagerException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.InvalidRequest));
    }
}
