package io.pipelinemanager.war.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.pipelinemanager.core.api.ProgramSchema;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The tables and views a compiled program declares (empty until it compiles). */
@Schema(name = "ProgramSchema")
public record SchemaDto(List<Relation> tables, List<Relation> views) {

    /** A table or view. */
    @Schema(name = "Relation")
    public record Relation(String name, List<Column> columns, @JsonProperty("primary_key") List<String> primaryKey,
                           @Schema(description = "views: the contents are kept (snapshot queries and change-stream "
                                   + "snapshots read them); tables: always false")
                           boolean materialized,
                           @JsonProperty("append_only")
                           @Schema(description = "tables declared WITH ('append_only' = 'true'): they take inserts "
                                   + "only (deletes and updates are refused with 400 ParseError), keep no rows, and "
                                   + "snapshot queries cannot read them")
                           boolean appendOnly) {
    }

    /** A column with its SQL type as the compiler writes it. */
    @Schema(name = "Column")
    public record Column(String name, @JsonProperty("sql_type") String sqlType, boolean nullable) {
    }

    /** Maps the core record. */
    public static SchemaDto of(ProgramSchema schema) {
        return new SchemaDto(schema.tables().stream().map(SchemaDto::relation).toList(),
                schema.views().stream().map(SchemaDto::relation).toList());
    }

    private static Relation relation(ProgramSchema.Relation r) {
        return new Relation(r.name(),
                r.columns().stream().map(c -> new Column(c.name(), c.sqlType(), c.nullable())).toList(),
                r.primaryKey(), r.materialized(), r.appendOnly());
    }
}
