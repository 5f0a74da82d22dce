package io.pipelinemanager.core.internal.engine.expr;

import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.zset.Row;

/** A NULL-propagating function call: any NULL argument gives NULL, else the body is applied. */
public final class StrictCall implements Expr {
    /** The body of a strict function, applied to non-NULL argument values. */
    @FunctionalInterface
    public interface Body {
        /** Computes the result from non-NULL arguments. */
        Object apply(Object[] args);
    }

    private final String name;
    private final Expr[] args;
    private final Body body;
    private final SqlType type;

    /** A call of {@code body} on {@code args}; {@code name} is for debugging. */
    public StrictCall(String name, Expr[] args, Body body, SqlType type) {
        this.name = name;
        this.args = args;
        this.body = body;
        this.type = type;
    }

    /** The function's name (the {@link Fn} constant's name for the built-in functions). */
    public String name() {
        return name;
    }

    /** The arguments (a copy). */
    public Expr[] args() {
        return args.clone();
    }

    @Override
    public Object eval(Row row) {
        Object[] values = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            Object v = args[i].eval(row);
            if (v == null) {
                return null;
            }
            values[i] = v;
        }
        return body.apply(values);
    }

    @Override
    public SqlType type() {
        return type;
    }

    @Override
    public String toString() {
        return name + java.util.Arrays.toString(args);
    }
}
