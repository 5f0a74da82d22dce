package io.pipelinemanager.core.internal.engine.zset;

/**
 * An immutable tuple of engine values. Implementations must define equals/hashCode through
 * {@link Rows#equal} and {@link Rows#hash} so different implementations interoperate.
 */
public interface Row {
    /** Number of columns. */
    int size();

    /** The value of column {@code i} (null for SQL NULL). */
    Object get(int i);
}
