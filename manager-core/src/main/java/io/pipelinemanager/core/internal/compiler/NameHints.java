package io.pipelinemanager.core.internal.compiler;

import io.pipelinemanager.core.api.Diagnostic;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;

/**
 * "Did you mean …?" for unknown columns, tables and functions: the closest name in scope by edit distance
 * (Damerau–Levenshtein in its optimal-string-alignment form, case-insensitive), suggested when it is within
 * a third of the name's length (at least 1, at most 3 edits). The distance is written here because the
 * library on the class path (commons-text) offers Levenshtein only, and a swapped pair of letters
 * ({@code amonut}) — the most common typo — costs one edit here but two there.
 */
final class NameHints {

    private static final Pattern UNKNOWN_COLUMN = Pattern.compile("Column '([^']+)' not found");
    private static final Pattern UNKNOWN_TABLE = Pattern.compile("(?:Object|Table) '([^']+)' not found");
    private static final Pattern UNKNOWN_FUNCTION = Pattern.compile("No match found for function signature ([^(\\s]+)\\(");

    private NameHints() {
    }

    /** The diagnostic with a suggestion appended when the message names an unknown name that has a close match. */
    static Diagnostic withSuggestion(Diagnostic d, ProgramCatalog catalog, SqlNode query) {
        String message = d.message();
        String suggestion = null;
        Matcher m;
        if ((m = UNKNOWN_COLUMN.matcher(message)).find()) {
            suggestion = closest(m.group(1), columns(catalog, query));
        } else if ((m = UNKNOWN_TABLE.matcher(message)).find()) {
            suggestion = closest(m.group(1), catalog.entries().stream().map(CatalogEntry::name).toList());
        } else if ((m = UNKNOWN_FUNCTION.matcher(message)).find()) {
            String name = m.group(1);
            if (functions().contains(name.toUpperCase(Locale.ROOT))) {
                return new Diagnostic(d.severity(), d.code(), message + " (the function " + name.toUpperCase(Locale.ROOT)
                        + " exists, but not for these argument types)", d.range());
            }
            suggestion = closest(name, functions());
        }
        if (suggestion == null) {
            return d;
        }
        return new Diagnostic(d.severity(), d.code(), message + "; did you mean `" + suggestion + "`?", d.range());
    }

    private static List<String> columns(ProgramCatalog catalog, SqlNode query) {
        Set<String> names = new LinkedHashSet<>();
        Set<String> referenced = query == null ? Set.of() : StatementShape.of(query).names();
        for (CatalogEntry entry : catalog.entries()) {
            if (referenced.isEmpty() || referenced.contains(entry.name().toLowerCase(Locale.ROOT))) {
                for (RelDataTypeField f : entry.rowType().getFieldList()) {
                    names.add(f.getName());
                }
            }
        }
        return new ArrayList<>(names);
    }

    private static Set<String> functions() {
        Set<String> names = new LinkedHashSet<>();
        for (SqlOperator op : PostgresFunctions.TABLE.getOperatorList()) {
            if (op instanceof SqlFunction && op.getName().matches("[A-Z_0-9]+")) {
                names.add(op.getName());
            }
        }
        return names;
    }

    /**
     * The candidate closest to {@code name}, or null when none is close enough. Among equally close ones the
     * one sharing the longest prefix wins; if that is a tie too, there is no suggestion.
     */
    static String closest(String name, Iterable<String> candidates) {
        String lower = name.toLowerCase(Locale.ROOT);
        int limit = Math.min(3, Math.max(1, lower.length() / 3));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int bestPrefix = -1;
        boolean tie = false;
        for (String candidate : candidates) {
            String c = candidate.toLowerCase(Locale.ROOT);
            if (c.equals(lower) || (best != null && c.equals(best.toLowerCase(Locale.ROOT)))) {
                continue;
            }
            int d = distance(lower, c);
            int prefix = commonPrefix(lower, c);
            if (d < bestDistance || (d == bestDistance && prefix > bestPrefix)) {
                best = candidate;
                bestDistance = d;
                bestPrefix = prefix;
                tie = false;
            } else if (d == bestDistance && prefix == bestPrefix) {
                tie = true;
            }
        }
        return best != null && bestDistance <= limit && !tie ? best : null;
    }

    private static int commonPrefix(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    /** Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent transpositions. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
