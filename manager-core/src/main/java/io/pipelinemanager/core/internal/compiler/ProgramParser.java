package io.pipelinemanager.core.internal.compiler;

import io.pipelinemanager.core.api.Diagnostic;
import io.pipelinemanager.core.api.SourceRange;
import java.util.ArrayList;
import java.util.List;
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
            return new ParsedProgram(List.of(), List.<List<String>>of(), List.of());
        }
        DdlRewriter.Result rewritten = DdlRewriter.rewrite(programSql);
        try {
            List<SqlNode> statements = SqlParser.create(rewritten.text(), CalciteSetup.PARSER).parseStmtList().getList();
            return new ParsedProgram(statements, rewritten.keys(), uniqueWarnings(programSql, rewritten.ignoredUnique()));
        } catch (SqlParseException e) {
            throw new CompileException(Diagnostics.syntax(e));
        }
    }

    private static List<Diagnostic> uniqueWarnings(String text, List<Integer> offsets) {
        List<Diagnostic> warnings = new ArrayList<>();
        for (int offset : offsets) {
            int line = 1;
            int column = 1;
            for (int i = 0; i < offset; i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
            }
            warnings.add(Diagnostic.warning(DiagnosticCodes.NOT_ENFORCED,
                    "UNIQUE is accepted but not enforced", new SourceRange(line, column, line, column + 5)));
        }
        return warnings;
    }

    /** Parses a single statement. */
    static SqlNode parseStatement(String sql) throws CompileException {
        try {
            return SqlParser.create(sql, CalciteSetup.PARSER).parseStmt();
        } catch (SqlParseException e) {
            throw new CompileException(Diagnostics.syntax(e));
        }
    }

    /** Parses a single query (used by tools that add one view to a parsed program). */
    static SqlNode parseQuery(String sql) throws CompileException {
        try {
            return SqlParser.create(sql, CalciteSetup.PARSER).parseQuery();
        } catch (SqlParseException e) {
            throw new CompileException(Diagnostics.syntax(e));
        }
    }
}
