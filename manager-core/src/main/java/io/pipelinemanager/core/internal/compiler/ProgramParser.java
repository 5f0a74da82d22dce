package io.pipelinemanager.core.internal.compiler;

import io.pipelinemanager.core.api.Diagnostic;
import io.pipelinemanager.core.api.SourceRange;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;

/** Parses a whole program (a list of statements separated by semicolons) with Calcite's DDL grammar. */
final class ProgramParser {

    private ProgramParser() {
    }

    /**
     * The statements of a program, in order, with the column-level primary keys of its CREATE TABLE
     * statements (in order); a syntax error becomes a {@link CompileException}.
     */
    static ParsedProgram parse(String programSql) throws CompileException {
        if (programSql.isBlank()) {
            return new ParsedProgram(List.of(), List.<List<String>>of(), List.of(), List.<List<LatenessClause>>of(),
                    List.<List<TableOption>>of());
        }
        // Positions in diagnostics are of the rewritten text; the compiler maps them back (PostgresSyntax.remap).
        String text = PostgresSyntax.rewrite(programSql);
        DdlRewriter.Result rewritten = DdlRewriter.rewrite(text);
        try {
            List<SqlNode> statements = SqlParser.create(rewritten.text(), CalciteSetup.PARSER).parseStmtList().getList();
            List<Diagnostic> diagnostics = new ArrayList<>(notEnforced(text, rewritten.ignored()));
            for (DdlRewriter.Ignored statement : rewritten.latenessStatements()) {
                diagnostics.add(Diagnostic.error(DiagnosticCodes.UNSUPPORTED, "LATENESS statements for views are not "
                        + "supported; declare LATENESS on the column of the table the view's column comes from "
                        + "(CREATE TABLE t (ts TIMESTAMP LATENESS INTERVAL '1' HOUR, ...))",
                        range(text, statement.start(), statement.end())));
            }
            List<List<LatenessClause>> lateness = new ArrayList<>();
            for (List<DdlRewriter.Late> table : rewritten.lateness()) {
                lateness.add(table.stream().map(l -> new LatenessClause(l.column(), l.value(),
                        range(text, l.start(), l.end()), range(text, l.valueStart(), l.valueEnd()))).toList());
            }
            List<List<TableOption>> options = new ArrayList<>();
            for (List<DdlRewriter.Option> table : rewritten.options()) {
                options.add(table.stream().map(o -> new TableOption(o.key(), o.value(), range(text, o.start(), o.end())))
                        .toList());
            }
            return new ParsedProgram(statements, rewritten.keys(), diagnostics, lateness, options);
        } catch (SqlParseException e) {
            if (causedByStackOverflow(e)) {
                throw new CompileException(tooDeepToParse(programSql));
            }
            throw new CompileException(SyntaxHints.improve(Diagnostics.syntax(e), text));
        } catch (StackOverflowError e) {
            throw new CompileException(tooDeepToParse(programSql));
        }
    }

    private static boolean causedByStackOverflow(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof StackOverflowError) {
                return true;
            }
        }
        return false;
    }

    /** The parser gives no position when its stack overflows: the error covers the whole program. */
    private static Diagnostic tooDeepToParse(String text) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return Diagnostic.error(DiagnosticCodes.TOO_DEEPLY_NESTED, "too deeply nested: the program nests "
                + "expressions or queries too deeply to parse; split them into several views",
                new SourceRange(1, 1, line, Math.max(column - 1, 1)));
    }

    /** The range of the text between two offsets (end exclusive, at least one character). */
    private static SourceRange range(String text, int start, int end) {
        int[] from = SyntaxHints.lineColumn(text, start);
        int[] to = SyntaxHints.lineColumn(text, Math.max(start, end - 1));
        return new SourceRange(from[0], from[1], to[0], to[1]);
    }

    private static List<Diagnostic> notEnforced(String text, List<DdlRewriter.Ignored> ignored) {
        List<Diagnostic> warnings = new ArrayList<>();
        for (DdlRewriter.Ignored c : ignored) {
            int[] at = SyntaxHints.lineColumn(text, c.start());
            warnings.add(Diagnostic.warning(DiagnosticCodes.NOT_ENFORCED, c.what() + " is accepted but not enforced",
                    new SourceRange(at[0], at[1], at[0], at[1] + c.end() - c.start() - 1)));
        }
        return warnings;
    }

    /** Parses a single statement. */
    static SqlNode parseStatement(String sql) throws CompileException {
        try {
            return SqlParser.create(sql, CalciteSetup.PARSER).parseStmt();
        } catch (SqlParseException e) {
            throw new CompileException(SyntaxHints.improve(Diagnostics.syntax(e), sql));
        }
    }

    /**
     * Parses a snapshot query: exactly one query statement ({@code SELECT}, {@code VALUES}, {@code WITH},
     * a set operation, optionally ordered), with an optional trailing semicolon. Anything else (DML, DDL,
     * several statements) is refused here, before it reaches the validator.
     */
    static SqlNode parseQuery(String sql) throws CompileException {
        List<SqlNode> statements;
        try {
            statements = SqlParser.create(PostgresSyntax.rewrite(sql), CalciteSetup.PARSER).parseStmtList().getList();
        } catch (SqlParseException e) {
            throw new CompileException(SyntaxHints.improve(Diagnostics.syntax(e), PostgresSyntax.rewrite(sql)));
        }
        if (statements.isEmpty()) {
            throw new CompileException(Diagnostic.error(DiagnosticCodes.SYNTAX_ERROR,
                    "A query must be exactly one SELECT statement; the text has none", SourceRange.UNKNOWN));
        }
        if (statements.size() > 1) {
            throw new CompileException(Diagnostics.error(DiagnosticCodes.UNSUPPORTED,
                    "A query must be exactly one SELECT statement, not " + statements.size() + " statements",
                    statements.get(1)));
        }
        SqlNode query = statements.get(0);
        if (!query.isA(SqlKind.QUERY)) {
            throw new CompileException(Diagnostics.error(DiagnosticCodes.UNSUPPORTED,
                    "A query must be exactly one SELECT statement (or VALUES, WITH, UNION, INTERSECT, EXCEPT); "
                            + query.getKind().name().replace('_', ' ') + " statements cannot be run as queries",
                    query));
        }
        return query;
    }
}
