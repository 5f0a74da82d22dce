package io.pipelinemanager.core.internal.io;

import io.pipelinemanager.core.internal.engine.type.SqlType;
import java.util.List;

/** Relation shapes shared by the io tests. */
public final class Shapes {
    private Shapes() {
    }

    /** T(ID BIGINT NOT NULL, NAME VARCHAR(10), AMOUNT DECIMAL(10,2)) — the 3-column table. */
    public static RelationShape threeColumns() {
        return RelationShape.of("T", List.of("ID", "NAME", "AMOUNT"),
                List.of(SqlType.bigint(), SqlType.varchar(10).asNullable(), SqlType.decimal(10, 2).asNullable()));
    }

    /** One nullable column of every loadable type, plus a NOT NULL INTEGER K. */
    public static RelationShape allTypes() {
        return RelationShape.of("ALL_TYPES",
                List.of("K", "B", "TI", "SI", "I", "BI", "DEC", "R", "D", "C", "VC", "DT", "TM", "TS", "IDT", "IYM"),
                List.of(SqlType.integer(), SqlType.bool().asNullable(), SqlType.tinyint().asNullable(),
                        SqlType.smallint().asNullable(), SqlType.integer().asNullable(), SqlType.bigint().asNullable(),
                        SqlType.decimal(5, 2).asNullable(), SqlType.real().asNullable(), SqlType.dbl().asNullable(),
                        SqlType.character(3).asNullable(), SqlType.varchar(5).asNullable(), SqlType.date().asNullable(),
                        SqlType.time().asNullable(), SqlType.timestamp().asNullable(),
                        SqlType.of(io.pipelinemanager.core.internal.engine.type.TypeKind.INTERVAL_DAY_TIME).asNullable(),
                        SqlType.of(io.pipelinemanager.core.internal.engine.type.TypeKind.INTERVAL_YEAR_MONTH).asNullable()));
    }
}
