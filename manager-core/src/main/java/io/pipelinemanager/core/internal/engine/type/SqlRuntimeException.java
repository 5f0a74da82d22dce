package io.pipelinemanager.core.internal.engine.type;

/** A SQL runtime error raised while evaluating an expression or operator (overflow, division by zero, ...). */
public class SqlRuntimeException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    /** Stable codes of SQL runtime errors. */
    public enum Code {
        /** A value does not fit its result type. */
        OVERFLOW,
        /** Division or modulo by zero. */
        DIVISION_BY_ZERO,
        /** A scalar subquery (SINGLE_VALUE) produced more than one row. */
        SINGLE_VALUE,
        /** A CAST whose input cannot be converted (e.g. 'abc' to INTEGER). */
        INVALID_CAST,
        /** A function argument outside its domain (e.g. SQRT(-1), bad LIKE escape). */
        INVALID_ARGUMENT
    }

    private final Code code;

    /** Creates an error with a code and message. */
    public SqlRuntimeException(Code code, String message) {
        super(message);
        this.code = code;
    }

    /** The stable error code. */
    public Code code() {
        return code;
    }

    /** Overflow of a value for a type. */
    public static SqlRuntimeException overflow(Object what, SqlType type) {
        return new SqlRuntimeException(Code.OVERFLOW, "value " + what + " out of range for type " + type.kind());
    }

    /** Overflow with a free-form description. */
    public static SqlRuntimeException overflow(String what) {
        return new SqlRuntimeException(Code.OVERFLOW, what);
    }

    /** Division by zero. */
    public static SqlRuntimeException divisionByZero() {
        return new SqlRuntimeException(Code.DIVISION_BY_ZERO, "division by zero");
    }
}
