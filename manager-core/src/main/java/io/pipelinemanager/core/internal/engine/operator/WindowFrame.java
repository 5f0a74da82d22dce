package io.pipelinemanager.core.internal.engine.operator;

import io.pipelinemanager.core.internal.engine.type.SqlType;

/**
 * A window frame: ROWS (bounds count physical rows) or RANGE (bounds are ORDER BY values: CURRENT ROW
 * includes the row's peers, an offset bound includes the rows whose single ORDER BY key lies within the
 * offset of the current row's key, as in PostgreSQL), with an optional EXCLUDE clause. Frames may be empty.
 */
public record WindowFrame(boolean rows, Bound lower, Bound upper, Exclusion exclusion) {

    /** The EXCLUDE clause: rows of the frame left out for each current row (its ORDER BY peers for GROUP/TIES). */
    public enum Exclusion {
        NO_OTHERS, CURRENT_ROW, GROUP, TIES
    }

    /** A frame without EXCLUDE. */
    public WindowFrame(boolean rows, Bound lower, Bound upper) {
        this(rows, lower, upper, Exclusion.NO_OTHERS);
    }

    /** Kinds of frame bounds. */
    public enum BoundKind {
        UNBOUNDED_PRECEDING, PRECEDING, CURRENT_ROW, FOLLOWING, UNBOUNDED_FOLLOWING
    }

    /**
     * One frame bound. {@code offset} is set for PRECEDING/FOLLOWING only: a non-negative {@code Long} row
     * count in ROWS frames; in RANGE frames a non-negative number (Long, BigDecimal, Double) or an interval
     * (a Long of milliseconds or months, as {@code offsetType} says).
     */
    public record Bound(BoundKind kind, Object offset, SqlType offsetType) {

        /** Validating constructor. */
        public Bound {
            boolean hasOffset = kind == BoundKind.PRECEDING || kind == BoundKind.FOLLOWING;
            if (hasOffset != (offset != null)) {
                throw new IllegalArgumentException("PRECEDING and FOLLOWING bounds (only) need an offset");
            }
        }

        /** UNBOUNDED PRECEDING. */
        public static Bound unboundedPreceding() {
            return new Bound(BoundKind.UNBOUNDED_PRECEDING, null, null);
        }

        /** UNBOUNDED FOLLOWING. */
        public static Bound unboundedFollowing() {
            return new Bound(BoundKind.UNBOUNDED_FOLLOWING, null, null);
        }

        /** CURRENT ROW. */
        public static Bound currentRow() {
            return new Bound(BoundKind.CURRENT_ROW, null, null);
        }

        /** {@code n} PRECEDING rows. */
        public static Bound rowsPreceding(long n) {
            return new Bound(BoundKind.PRECEDING, n, null);
        }

        /** {@code n} FOLLOWING rows. */
        public static Bound rowsFollowing(long n) {
            return new Bound(BoundKind.FOLLOWING, n, null);
        }
    }

    /** Validating constructor. */
    public WindowFrame {
        if (lower == null || upper == null || exclusion == null) {
            throw new IllegalArgumentException("both frame bounds and the exclusion are required");
        }
        if (lower.kind() == BoundKind.UNBOUNDED_FOLLOWING || upper.kind() == BoundKind.UNBOUNDED_PRECEDING) {
            throw new IllegalArgumentException("frame starting at UNBOUNDED FOLLOWING or ending at UNBOUNDED PRECEDING");
        }
        if (rows) {
            for (Bound b : new Bound[] {lower, upper}) {
                if (b.offset() != null && (!(b.offset() instanceof Long n) || n < 0)) {
                    throw new IllegalArgumentException("ROWS frame offsets must be non-negative row counts");
                }
            }
        }
    }

    /** Whether either bound has a value offset in a RANGE frame. */
    public boolean hasRangeOffset() {
        return !rows && (lower.offset() != null || upper.offset() != null);
    }

    /** RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW (the SQL default with ORDER BY). */
    public static WindowFrame runningRange() {
        return new WindowFrame(false, Bound.unboundedPreceding(), Bound.currentRow());
    }

    /** The whole partition (the SQL default without ORDER BY). */
    public static WindowFrame wholePartition() {
        return new WindowFrame(true, Bound.unboundedPreceding(), Bound.unboundedFollowing());
    }

    /** ROWS BETWEEN {@code preceding} PRECEDING AND {@code following} FOLLOWING. */
    public static WindowFrame rowsBetween(long preceding, long following) {
        return new WindowFrame(true, Bound.rowsPreceding(preceding), Bound.rowsFollowing(following));
    }
}
