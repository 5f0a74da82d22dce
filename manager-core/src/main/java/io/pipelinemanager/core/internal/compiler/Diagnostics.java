package io.pipelinemanager.core.internal.compiler;

import io.pipelinemanager.core.api.Diagnostic;
import io.pipelinemanager.core.api.SourceRange;
import java.util.regex.Pattern;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;

/** Turns Calcite exceptions and parser positions into {@link Diagnostic}s with stable codes. */
final class Diagnostics {

    private static final Pattern UNKNOWN_COLUMN = Pattern.compile(
            "Column '.*' not found|Unknown field|Column '.*' is ambiguous");
    private static final Pattern UNKNOWN_TABLE = Pattern.compile("(Object|Table) '.*' not found");
    private static final Pattern UNKNOWN_FUNCTION = Pattern.compile("No match found for function signature");
    private static final Pattern TYPE_ERROR = Pattern.compile(
            "operator does not exist|Cannot apply|cannot be assigned|Cannot assign|Cannot infer|incompatible|Type mismatch|"
                    + "Values passed to|must be of type|Cast function cannot convert|Illegal mixing of types|"
                    + "Expected a boolean|must be a boolean|must be a condition|Aggregate .* type|Parameters must be of the same type");

    /** The parser names Java classes for numbers out of range ("... can not be parsed to type 'java.lang.Integer'"). */
    private static final Pattern JAVA_NUMBER_TYPE = Pattern.compile(
            "can not be parsed to type 'java\\.lang\\.(Integer|Long|Short|Byte)'");

    private Diagnostics() {
    }

    /** The range of a parser position, or {@link SourceRange#UNKNOWN} when it has none. */
    static SourceRange range(SqlParserPos pos) {
        if (pos == null || pos.getLineNum() <= 0 || pos.getColumnNum() <= 0) {
            return SourceRange.UNKNOWN;
        }
        int endLine = Math.max(pos.getEndLineNum(), pos.getLineNum());
        int endCol = pos.getEndLineNum() <= 0 ? pos.getColumnNum() : Math.max(pos.getEndColumnNum(), 1);
        return new SourceRange(pos.getLineNum(), pos.getColumnNum(), endLine, endCol);
    }

    /** The range of a syntax node. */
    static SourceRange range(SqlNode node) {
        return node == null ? SourceRange.UNKNOWN : range(node.getParserPosition());
    }

    /** An error diagnostic at a node. */
    static Diagnostic error(String code, String message, SqlNode node) {
        return Diagnostic.error(code, message, range(node));
    }

    /** A syntax error. */
    static Diagnostic syntax(SqlParseException e) {
        String message = JAVA_NUMBER_TYPE.matcher(firstLines(e.getMessage())).replaceAll(m -> "is out of range ("
                + switch (m.group(1)) {
                    case "Long" -> "at most 9223372036854775807";
                    case "Short" -> "at most 32767";
                    case "Byte" -> "at most 127";
                    default -> "at most 2147483647";
                } + ")");
        return Diagnostic.error(DiagnosticCodes.SYNTAX_ERROR, message, range(e.getPos()));
    }

    /** A validation error, classified by Calcite's message. */
    static Diagnostic validation(CalciteContextException e) {
        String message = e.getCause() != null && e.getCause().getMessage() != null
                ? e.getCause().getMessage() : e.getMessage();
        SourceRange range = e.getPosLine() <= 0 ? SourceRange.UNKNOWN : new SourceRange(
                e.getPosLine(), e.getPosColumn(), Math.max(e.getEndPosLine(), e.getPosLine()),
                Math.max(e.getEndPosColumn(), 1));
        if ("Incompatible types".equals(message)) {
            // What Calcite says of a field access on a value that is not a ROW, e.g. (id).a.
            message += ": a field access (x).f needs a ROW value";
        }
        return Diagnostic.error(classify(message), firstLines(message), range);
    }

    /** The stable code for a Calcite validation message. */
    static String classify(String message) {
        if (message == null) {
            return DiagnosticCodes.INVALID;
        }
        if (UNKNOWN_COLUMN.matcher(message).find()) {
            return DiagnosticCodes.UNKNOWN_COLUMN;
        }
        if (UNKNOWN_TABLE.matcher(message).find()) {
            return DiagnosticCodes.UNKNOWN_TABLE;
        }
        if (UNKNOWN_FUNCTION.matcher(message).find()) {
            return DiagnosticCodes.UNKNOWN_FUNCTION;
        }
        if (TYPE_ERROR.matcher(message).find()) {
            return DiagnosticCodes.TYPE_ERROR;
        }
        return DiagnosticCodes.INVALID;
    }

    /** Planner, Calcite and Java class names and plan notation, which mean nothing to a user. */
    private static final Pattern INTERNAL_TEXT = Pattern.compile("Logical[A-Z]\\w*|Enumerable[A-Z]\\w*|\\bRel[A-Z]\\w*"
            + "|\\bRex[A-Z]\\w*|RecordType\\(|org\\.apache|java\\.|\\w+Exception|\\$cor[0-9]|\\$[0-9]");

    /** {@code message}, or {@code instead} when it is written in the planner's terms. */
    static String plain(String message, String instead) {
        return message == null || INTERNAL_TEXT.matcher(message).find() ? instead : message;
    }

    /** A failure the compiler could not attribute to the program. */
    static Diagnostic internal(Throwable t, SqlNode at) {
        String what = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + firstLines(t.getMessage()));
        return Diagnostic.error(DiagnosticCodes.INTERNAL, "internal compiler error: " + what, range(at));
    }

    private static String firstLines(String message) {
        if (message == null) {
            return "";
        }
        String trimmed = message.strip();
        int cut = trimmed.indexOf("\nWas expecting");
        if (cut < 0) {
            cut = trimmed.indexOf("Was expecting");
        }
        String head = cut > 0 ? trimmed.substring(0, cut).strip() : trimmed;
        return head.length() > 500 ? head.substring(0, 500) + "…" : head;
    }
}
