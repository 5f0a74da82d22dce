package io.pipelinemanager.core.internal.compiler.plan;

import io.pipelinemanager.core.api.SourceRange;
import io.pipelinemanager.core.internal.compiler.AnalyzedView;
import org.apache.calcite.sql.parser.SqlParserPos;

/** The source range to blame for a view that cannot be translated: its whole statement. */
final class ViewRanges {

    private ViewRanges() {
    }

    /** The range of the view's statement, or UNKNOWN. */
    static SourceRange of(AnalyzedView view) {
        if (view.statement() == null) {
            return SourceRange.UNKNOWN;
        }
        SqlParserPos pos = view.statement().getParserPosition();
        if (pos.getLineNum() <= 0 || pos.getColumnNum() <= 0) {
            return SourceRange.UNKNOWN;
        }
        return new SourceRange(pos.getLineNum(), pos.getColumnNum(),
                Math.max(pos.getEndLineNum(), pos.getLineNum()), Math.max(pos.getEndColumnNum(), 1));
    }
}
