package io.pipelinemanager.core.internal.engine.operator;

import io.pipelinemanager.core.internal.engine.aggregate.AggCall;
import io.pipelinemanager.core.internal.engine.type.SqlType;

/**
 * One window function of a window operator:
 * <ul>
 * <li>ranking: ROW_NUMBER, RANK, DENSE_RANK (BIGINT), PERCENT_RANK, CUME_DIST (DOUBLE), NTILE({@code offset}
 * buckets, BIGINT);</li>
 * <li>AGGREGATE: an {@link AggCall} evaluated over {@code frame};</li>
 * <li>LAG/LEAD: column {@code arg} of the row {@code offset} rows before/after (a negative offset looks the
 * other way), else column {@code defaultArg} of the current row, or NULL when it is -1;</li>
 * <li>FIRST_VALUE, LAST_VALUE, NTH_VALUE (the {@code offset}-th row, from 1): column {@code arg} of a row of
 * {@code frame}, NULL when there is no such row.</li>
 * <li>SESSION_START/SESSION_END: the bounds of the row's session in a partition ordered by one non-NULL
 * timestamp: rows less than {@code offset} milliseconds (the gap) after the previous one extend its session,
 * which starts at its first timestamp and ends {@code offset} after its last;</li>
 * <li>NULL: NULL in every row (a function whose constant argument is NULL, e.g. {@code NTILE(NULL)}).</li>
 * </ul>
 * Values are converted to {@code resultType} when it is not null (e.g. LAG of an INTEGER with a DECIMAL
 * default is DECIMAL).
 */
public record WindowCall(Kind kind, AggCall aggregate, WindowFrame frame, int arg, long offset, int defaultArg,
                         SqlType resultType) {

    /** Window function kinds. */
    public enum Kind {
        ROW_NUMBER, RANK, DENSE_RANK, PERCENT_RANK, CUME_DIST, NTILE, AGGREGATE, LAG, LEAD,
        FIRST_VALUE, LAST_VALUE, NTH_VALUE, NULL, SESSION_START, SESSION_END
    }

    /** Validating constructor. */
    public WindowCall {
        if (kind == Kind.AGGREGATE && (aggregate == null || frame == null)) {
            throw new IllegalArgumentException("an aggregate window call needs an AggCall and a frame");
        }
        if ((kind == Kind.FIRST_VALUE || kind == Kind.LAST_VALUE || kind == Kind.NTH_VALUE) && frame == null) {
            throw new IllegalArgumentException(kind + " needs a frame");
        }
        if (aggregate != null && aggregate.distinct()) {
            throw new IllegalArgumentException("DISTINCT window aggregates are not supported");
        }
        if ((kind == Kind.NTILE || kind == Kind.NTH_VALUE) && offset <= 0) {
            throw new IllegalArgumentException(kind + " needs a positive argument");
        }
    }

    /** A ranking function without argument (ROW_NUMBER, RANK, DENSE_RANK, PERCENT_RANK, CUME_DIST). */
    public static WindowCall ranking(Kind kind) {
        return new WindowCall(kind, null, null, -1, 0, -1, null);
    }

    /** SESSION_START or SESSION_END of sessions with a gap of {@code gapMillis}. */
    public static WindowCall session(Kind kind, long gapMillis) {
        if (kind != Kind.SESSION_START && kind != Kind.SESSION_END || gapMillis <= 0) {
            throw new IllegalArgumentException("a session bound needs a positive gap");
        }
        return new WindowCall(kind, null, null, -1, gapMillis, -1, null);
    }

    /** NULL for every row. */
    public static WindowCall nullValue() {
        return new WindowCall(Kind.NULL, null, null, -1, 0, -1, null);
    }

    /** NTILE({@code buckets}). */
    public static WindowCall ntile(long buckets) {
        return new WindowCall(Kind.NTILE, null, null, -1, buckets, -1, null);
    }

    /** An aggregate over a frame. */
    public static WindowCall aggregate(AggCall call, WindowFrame frame) {
        return new WindowCall(Kind.AGGREGATE, call, frame, -1, 0, -1, null);
    }

    /** LAG or LEAD of column {@code arg} by {@code offset} rows, defaulting to column {@code defaultArg} (-1: NULL). */
    public static WindowCall lagLead(Kind kind, int arg, long offset, int defaultArg) {
        return new WindowCall(kind, null, null, arg, offset, defaultArg, null);
    }

    /** FIRST_VALUE or LAST_VALUE of column {@code arg} over {@code frame}. */
    public static WindowCall boundaryValue(Kind kind, int arg, WindowFrame frame) {
        return new WindowCall(kind, null, frame, arg, 0, -1, null);
    }

    /** NTH_VALUE of column {@code arg}: its value in the {@code n}-th row of {@code frame}. */
    public static WindowCall nthValue(int arg, long n, WindowFrame frame) {
        return new WindowCall(Kind.NTH_VALUE, null, frame, arg, n, -1, null);
    }

    /** The same call converting its values to {@code type}. */
    public WindowCall withResultType(SqlType type) {
        return new WindowCall(kind, aggregate, frame, arg, offset, defaultArg, type);
    }
}
