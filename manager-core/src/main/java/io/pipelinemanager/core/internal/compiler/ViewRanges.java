package io.pipelinemanager.core.internal.compiler;

import io.pipelinemanager.core.api.SourceRange;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * The source range to blame for a view that cannot be translated: the first use of the offending
 * function or operator when it is known, otherwise the whole statement.
 */
final class ViewRanges {

    private ViewRanges() {
    }

    /** The range of the first call of {@code operator} in the view, else of the view's statement, else UNKNOWN. */
    static SourceRange of(AnalyzedView view, String operator) {
        if (view.statement() == null) {
            return SourceRange.UNKNOWN;
        }
        SqlCall call = operator == null ? null : firstCall(view.statement(), operator);
        return range(call != null ? call.getParserPosition() : view.statement().getParserPosition());
    }

    private static SqlCall firstCall(SqlNode root, String operator) {
        SqlCall[] found = new SqlCall[1];
        root.accept(new SqlShuttle() {
            @Override
            public SqlNode visit(SqlCall call) {
                if (found[0] == null && call.getOperator().getName().equalsIgnoreCase(operator)) {
                    found[0] = call;
                }
                return super.visit(call);
            }
        });
        return found[0];
    }

    private static SourceRange range(SqlParserPos pos) {
        if (pos.getLineNum() <= 0 || pos.getColumnNum() <= 0) {
            return SourceRange.UNKNOWN;
        }
        return new SourceRange(pos.getLineNum(), pos.getColumnNum(),
                Math.max(pos.getEndLineNum(), pos.getLineNum()), Math.max(pos.getEndColumnNum(), 1));
    }
}
