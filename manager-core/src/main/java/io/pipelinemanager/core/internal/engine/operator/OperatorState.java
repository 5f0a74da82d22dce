package io.pipelinemanager.core.internal.engine.operator;

import io.pipelinemanager.core.internal.engine.zset.ZSetView;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The logical state of one operator, as a checkpoint captures it: an ordered list of parts whose layout
 * each operator documents. A part is an engine value ({@code null}, {@link Boolean}, {@link Long},
 * {@link java.math.BigDecimal}, {@link Double}, {@link String}, {@link java.time.LocalDate},
 * {@link java.time.LocalTime}, {@link java.time.LocalDateTime}, {@code byte[]}), a {@link ZSetView}
 * (integrated rows with weights: a trace, an index, a multiset) or a nested {@link List} of parts (e.g.
 * the accumulator values of the groups of an aggregate). Parts describe what the operator holds, not how
 * (no hash maps, no Java objects of the engine), so the byte format outlives in-memory representations.
 *
 * <p>A captured state is immutable: parts must not change when the operator keeps stepping.
 */
public final class OperatorState {
    /** The state of an operator that holds none. */
    public static final OperatorState STATELESS = new OperatorState(new Object[0]);

    private final List<Object> parts;

    private OperatorState(Object[] parts) {
        this.parts = Collections.unmodifiableList(Arrays.asList(parts));
    }

    /** A state of the given parts (the array is copied). */
    public static OperatorState of(Object... parts) {
        return parts.length == 0 ? STATELESS : new OperatorState(parts.clone());
    }

    /** A state of the given parts. */
    public static OperatorState of(List<?> parts) {
        return parts.isEmpty() ? STATELESS : new OperatorState(parts.toArray());
    }

    /** The parts, in the operator's documented order. */
    public List<Object> parts() {
        return parts;
    }

    /** True when the operator holds nothing. */
    public boolean isStateless() {
        return parts.isEmpty();
    }

    /**
     * Checks that this state has exactly {@code n} parts (the layout an operator restores).
     *
     * @throws IllegalArgumentException naming the operator otherwise
     */
    public OperatorState expect(String operator, int n) {
        if (parts.size() != n) {
            throw new IllegalArgumentException("state of " + operator + " has " + parts.size()
                    + " parts, expected " + n);
        }
        return this;
    }

    /** Part {@code i} as a Z-set view. */
    public ZSetView zset(int i) {
        return as(i, ZSetView.class);
    }

    /** Part {@code i} as a long. */
    public long longValue(int i) {
        return as(i, Long.class);
    }

    /** Part {@code i} as a boolean. */
    public boolean bool(int i) {
        return as(i, Boolean.class);
    }

    /** Part {@code i} as a nested list. */
    public List<?> list(int i) {
        return as(i, List.class);
    }

    private <T> T as(int i, Class<T> type) {
        Object p = parts.get(i);
        if (!type.isInstance(p)) {
            throw new IllegalArgumentException("state part " + i + " is " + (p == null ? "NULL" : p.getClass().getSimpleName())
                    + ", expected " + type.getSimpleName());
        }
        return type.cast(p);
    }

    @Override
    public String toString() {
        return "OperatorState" + parts;
    }
}
