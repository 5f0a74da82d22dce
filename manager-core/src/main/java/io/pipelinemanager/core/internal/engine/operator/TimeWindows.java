package io.pipelinemanager.core.internal.engine.operator;

import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.Rows;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import java.util.function.Consumer;

/**
 * The row functions of the TUMBLE and HOP table functions: each appends {@code window_start} and
 * {@code window_end} (timestamps; windows are half-open, {@code [start, end)}) to a row, by the
 * timestamp in one of its columns. Windows are aligned at {@code offset} from 1970-01-01 00:00:00;
 * sizes, slides and offsets are milliseconds. Stateless, so their operators are linear.
 */
public final class TimeWindows {

    private TimeWindows() {
    }

    /** TUMBLE: the one window of {@code size} holding the row's timestamp (a NULL timestamp gets NULL bounds). */
    public static BiConsumer<Row, Consumer<Row>> tumble(int timeColumn, long size, long offset) {
        requirePositive(size);
        return (row, emit) -> {
            Object ts = row.get(timeColumn);
            if (ts == null) {
                emit.accept(Rows.concat(row, Rows.nulls(2)));
                return;
            }
            long start = start(millis((LocalDateTime) ts), size, offset);
            emit.accept(Rows.concat(row, Rows.of(timestamp(start), timestamp(start + size))));
        };
    }

    /**
     * HOP: every window of {@code size} starting at a multiple of {@code slide} (plus {@code offset}) that holds
     * the row's timestamp, one output row each (none when slide &gt; size leaves the timestamp in a gap, or
     * when the timestamp is NULL).
     */
    public static BiConsumer<Row, Consumer<Row>> hop(int timeColumn, long slide, long size, long offset) {
        requirePositive(slide);
        requirePositive(size);
        return (row, emit) -> {
            Object ts = row.get(timeColumn);
            if (ts == null) {
                return;
            }
            long t = millis((LocalDateTime) ts);
            for (long start = start(t, slide, offset); start > t - size; start -= slide) {
                emit.accept(Rows.concat(row, Rows.of(timestamp(start), timestamp(start + size))));
            }
        };
    }

    /**
     * How TUMBLE's {@code window_start} and {@code window_end} follow the timestamp: for every timestamp at or above
     * {@code t}, the bounds are at or above these functions of {@code t} (both non-decreasing).
     */
    public static List<UnaryOperator<Object>> tumbleBounds(long size, long offset) {
        requirePositive(size);
        return List.of(t -> timestamp(start(millis((LocalDateTime) t), size, offset)),
                t -> timestamp(start(millis((LocalDateTime) t), size, offset) + size));
    }

    /**
     * Like {@link #tumbleBounds} for HOP: a window holding a timestamp at or above {@code t} starts after
     * {@code t - size} and ends after {@code t}.
     */
    public static List<UnaryOperator<Object>> hopBounds(long size) {
        requirePositive(size);
        return List.of(t -> timestamp(millis((LocalDateTime) t) - size), t -> t);
    }

    /** The latest window start at most {@code t}: starts are {@code offset + k * step}. */
    static long start(long t, long step, long offset) {
        return Math.floorDiv(t - offset, step) * step + offset;
    }

    /** Milliseconds since 1970-01-01 00:00:00 of a timestamp (sub-millisecond digits are dropped). */
    static long millis(LocalDateTime t) {
        return Math.addExact(Math.multiplyExact(t.toEpochSecond(ZoneOffset.UTC), 1000L), t.getNano() / 1_000_000);
    }

    static LocalDateTime timestamp(long millis) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000L), (int) Math.floorMod(millis, 1000L) * 1_000_000,
                ZoneOffset.UTC);
    }

    private static void requirePositive(long interval) {
        if (interval <= 0) {
            throw new IllegalArgumentException("window sizes and slides must be positive");
        }
    }
}
