package io.pipelinemanager.core.internal.io.ingress;

import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the {@link ManagerException}s of ingress: {@code ParseError} with record/column/reason/line, {@code BackPressure}. */
public final class IngressErrors {
    private IngressErrors() {
    }

    /**
     * A parse error at 1-based {@code record}; {@code column} may be null (whole record), {@code line} &lt;= 0 when
     * unknown. Details: {@code table, record, column, reason, line}.
     */
    public static ManagerException parseError(String table, long record, String column, String reason, long line) {
        StringBuilder msg = new StringBuilder("table ").append(table).append(", record ").append(record);
        if (line > 0) {
            msg.append(" (line ").append(line).append(')');
        }
        if (column != null) {
            msg.append(", column ").append(column);
        }
        msg.append(": ").append(reason);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("table", table);
        details.put("record", record);
        if (column != null) {
            details.put("column", column);
        }
        details.put("reason", reason);
        if (line > 0) {
            details.put("line", line);
        }
        return new ManagerException(ErrorCode.ParseError, msg.toString(), details);
    }

    /** The request holds more than {@code maxRecords} records. */
    public static ManagerException tooManyRecords(String table, long maxRecords) {
        return new ManagerException(ErrorCode.BackPressure,
                "table " + table + ": request exceeds the limit of " + maxRecords + " records; split it into smaller requests",
                Map.of("table", table, "max_records", maxRecords));
    }
}
