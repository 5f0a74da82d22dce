package io.pipelinemanager.core.internal.compiler;

/** The stable {@code code} strings of compiler diagnostics. */
public final class DiagnosticCodes {
    /** The text does not parse. */
    public static final String SYNTAX_ERROR = "SyntaxError";
    /** A table or view that is not declared (before its use). */
    public static final String UNKNOWN_TABLE = "UnknownTable";
    /** A column that no table in scope has. */
    public static final String UNKNOWN_COLUMN = "UnknownColumn";
    /** A function or operator that does not exist for the given arguments. */
    public static final String UNKNOWN_FUNCTION = "UnknownFunction";
    /** Operand types that an operator, function or assignment does not accept. */
    public static final String TYPE_ERROR = "TypeError";
    /** A table or view name declared twice (or a column declared twice in one table). */
    public static final String DUPLICATE_NAME = "DuplicateName";
    /** Valid SQL the compiler cannot turn into a circuit. */
    public static final String UNSUPPORTED = "Unsupported";
    /** A constraint that is accepted but not enforced (a warning). */
    public static final String NOT_ENFORCED = "NotEnforced";
    /** Any other validation error Calcite reports. */
    public static final String INVALID = "InvalidSql";
    /** A statement nests expressions or queries deeper than the compiler allows (or than its stack holds). */
    public static final String TOO_DEEPLY_NESTED = "TooDeeplyNested";
    /** The program exceeds a compiler limit (number of statements). */
    public static final String COMPILE_LIMIT = "CompileLimit";
    /** The compilation ran out of its time budget or was cancelled; retrying may succeed. */
    public static final String COMPILE_TIMEOUT = "CompileTimeout";
    /** The compiler ran out of memory on the program. */
    public static final String OUT_OF_MEMORY = "CompilerOutOfMemory";
    /** The compiler itself failed; not the program's fault. */
    public static final String INTERNAL = "InternalError";

    private DiagnosticCodes() {
    }
}
