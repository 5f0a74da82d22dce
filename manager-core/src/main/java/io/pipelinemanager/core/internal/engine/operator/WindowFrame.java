package io.pipelinemanager.core.internal.engine.operator;

/**
 * A window frame. ROWS frames count physical rows: lower = {@code lowerOffset} rows preceding,
 * upper = {@code upperOffset} rows following (0 = CURRENT ROW). RANGE frames support only
 * UNBOUNDED and CURRENT ROW bounds (CURRENT ROW includes the row's ORDER BY peers).
 */
public record WindowFrame(boolean rows, boolean lowerUnbounded, long lowerOffset,
                          boolean upperUnbounded, long upperOffset) {

    /** Validating constructor. */
    public WindowFrame {
        if (lowerOffset < 0 || upperOffset < 0) {
            throw new IllegalArgumentException("frame offsets must be non-negative");
        }
        if (!rows && ((!lowerUnbounded && lowerOffset != 0) || (!upperUnbounded && upperOffset != 0))) {
            throw new IllegalArgumentException("RANGE frames with value offsets are not supported");
        }
    }

    /** RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW (the SQL default with ORDER BY). */
    public static WindowFrame runningRange() {
        return new WindowFrame(false, true, 0, false, 0);
    }

    /** The whole partition (the SQL default without ORDER BY). */
    public static WindowFrame wholePartition() {
        return new WindowFrame(true, true, 0, true, 0);
    }

    /** ROWS BETWEEN {@code preceding} PRECEDING AND {@code following} FOLLOWING. */
    public static WindowFrame rowsBetween(long preceding, long following) {
        return new WindowFrame(true, false, preceding, false, following);
    }
}
