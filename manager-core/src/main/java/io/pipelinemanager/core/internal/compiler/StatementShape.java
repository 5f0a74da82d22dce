package io.pipelinemanager.core.internal.compiler;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlWindow;

/**
 * What the compiler needs to know about a statement's syntax tree before it validates it: how deeply
 * it nests (Calcite's validator and planner recurse once per level, so depth is what exhausts a
 * thread's stack) with the deepest node, and every name it mentions (lower-cased), so a view is
 * planned against the relations it can refer to rather than the whole catalog — and the type names and
 * windows it uses, for the checks Calcite leaves to later stages ({@link UserMistakes}). Computed without
 * recursion, so any tree the parser produced can be measured.
 */
record StatementShape(int depth, SqlNode deepest, Set<String> names, List<SqlDataTypeSpec> types,
                      List<SqlWindow> windows) {

    /** Measures a statement or query. */
    static StatementShape of(SqlNode root) {
        Set<String> names = new HashSet<>();
        List<SqlDataTypeSpec> types = new ArrayList<>();
        List<SqlWindow> windows = new ArrayList<>();
        Deque<SqlNode> nodes = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        nodes.push(root);
        depths.push(1);
        int max = 0;
        SqlNode deepest = root;
        while (!nodes.isEmpty()) {
            SqlNode node = nodes.pop();
            int depth = depths.pop();
            if (depth > max) {
                max = depth;
                deepest = node;
            }
            List<? extends SqlNode> children;
            if (node instanceof SqlDataTypeSpec type) {
                types.add(type);
                continue;
            }
            if (node instanceof SqlWindow window) {
                windows.add(window);
            }
            if (node instanceof SqlIdentifier id) {
                id.names.forEach(n -> names.add(n.toLowerCase(Locale.ROOT)));
                continue;
            } else if (node instanceof SqlNodeList list) {
                children = list.getList();
            } else if (node instanceof SqlCall call) {
                children = operands(call);
            } else {
                continue;
            }
            for (SqlNode child : children) {
                if (child != null) {
                    nodes.push(child);
                    depths.push(depth + 1);
                }
            }
        }
        return new StatementShape(max, deepest, names, types, windows);
    }

    private static List<? extends SqlNode> operands(SqlCall call) {
        try {
            return call.getOperandList();
        } catch (UnsupportedOperationException e) {
            return List.of();
        }
    }
}
