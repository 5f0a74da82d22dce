package io.pipelinemanager.core.internal.io.egress;

import com.fasterxml.jackson.core.JsonGenerator;
import io.pipelinemanager.core.internal.engine.expr.Texts;
import io.pipelinemanager.core.internal.engine.type.MapValue;
import io.pipelinemanager.core.internal.engine.type.RowValue;
import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.type.TypeKind;
import io.pipelinemanager.core.internal.engine.type.Variant;
import io.pipelinemanager.core.internal.engine.type.VariantJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.List;

/**
 * How engine values are written. JSON: integers and intervals (day-time in milliseconds, year-month in months)
 * as numbers, DECIMAL as a plain number keeping its scale, REAL/DOUBLE as numbers (REAL with float precision)
 * except NaN/Infinity/-Infinity as strings, BOOLEAN as true/false, dates/times/timestamps as strings
 * {@code 2024-01-31}, {@code 13:45:00[.fff]}, {@code 2024-01-31 13:45:00[.fff]}, NULL as null, ARRAY as a JSON
 * array of its elements, ROW as a JSON object keyed by field name, MAP as a JSON object keyed by the keys' text,
 * VARIANT as the JSON value it holds (JSON null as null, like SQL NULL).
 * CSV uses the same text without quotes or JSON syntax (an ARRAY in PostgreSQL's text form
 * {@code {1,NULL,"a b"}}, a ROW in PostgreSQL's composite text {@code (1,,"a b")}, a MAP as
 * {@code {a=>1,b=>NULL}}, a VARIANT as compact JSON text).
 */
public final class ValueFormats {
    /** TIMESTAMP text: ISO date, a space, ISO time (seconds always, fraction only when non-zero). */
    public static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral(' ').append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter();

    private ValueFormats() {
    }

    /** Writes {@code v} of column type {@code type} as a JSON value. */
    public static void writeJson(JsonGenerator g, Object v, SqlType type) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Long) {
            g.writeNumber((Long) v);
        } else if (v instanceof String) {
            g.writeString((String) v);
        } else if (v instanceof Boolean) {
            g.writeBoolean((Boolean) v);
        } else if (v instanceof BigDecimal) {
            g.writeNumber(((BigDecimal) v).toPlainString());
        } else if (v instanceof Variant variant) {
            VariantJson.write(g, variant);
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object e : list) {
                writeJson(g, e, type.elementType());
            }
            g.writeEndArray();
        } else if (v instanceof RowValue row) {
            g.writeStartObject();
            for (int i = 0; i < row.size(); i++) {
                g.writeFieldName(type.fieldNames().get(i));
                writeJson(g, row.get(i), type.fieldTypes().get(i));
            }
            g.writeEndObject();
        } else if (v instanceof MapValue map) {
            g.writeStartObject();
            for (int i = 0; i < map.size(); i++) {
                g.writeFieldName(text(map.keys().get(i), type.keyType()));
                writeJson(g, map.values().get(i), type.valueType());
            }
            g.writeEndObject();
        } else if (v instanceof Double) {
            double d = (Double) v;
            if (!Double.isFinite(d)) {
                g.writeString(text(v, type));
            } else if (type.kind() == TypeKind.REAL) {
                g.writeNumber((float) d);
            } else {
                g.writeNumber(d);
            }
        } else {
            g.writeString(text(v, type));
        }
    }

    /** The text of a non-null value (CSV fields, and the JSON strings of temporal and non-finite values). */
    public static String text(Object v, SqlType type) {
        if (v instanceof BigDecimal) {
            return ((BigDecimal) v).toPlainString();
        }
        if (v instanceof Double) {
            double d = (Double) v;
            return type.kind() == TypeKind.REAL && Double.isFinite(d) ? Float.toString((float) d) : Double.toString(d);
        }
        if (v instanceof LocalDateTime) {
            return TIMESTAMP.format((LocalDateTime) v);
        }
        if (v instanceof LocalTime) {
            return DateTimeFormatter.ISO_LOCAL_TIME.format((LocalTime) v);
        }
        if (v instanceof LocalDate) {
            return DateTimeFormatter.ISO_LOCAL_DATE.format((LocalDate) v);
        }
        if (v instanceof List<?> list) {
            return Texts.arrayText(list, e -> text(e, type.elementType()));
        }
        if (v instanceof RowValue row) {
            return Texts.rowText(row.fields(), (f, i) -> text(f, type.fieldTypes().get(i)));
        }
        if (v instanceof MapValue map) {
            return Texts.mapText(map.keys(), map.values(), k -> text(k, type.keyType()), e -> text(e, type.valueType()));
        }
        if (v instanceof Variant variant) {
            return VariantJson.toJson(variant);
        }
        return v.toString();
    }
}
