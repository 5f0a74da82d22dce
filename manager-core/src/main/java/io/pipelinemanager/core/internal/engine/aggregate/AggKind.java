package io.pipelinemanager.core.internal.engine.aggregate;

/**
 * Aggregate function kinds, named like Calcite's {@code SqlKind} (SUM0 is Calcite's {@code $SUM0}:
 * SUM that returns 0 instead of NULL on no input).
 */
public enum AggKind {
    COUNT, SUM, SUM0, AVG, MIN, MAX, SINGLE_VALUE, ANY_VALUE, BOOL_AND, BOOL_OR,
    VAR_POP, VAR_SAMP, STDDEV_POP, STDDEV_SAMP, STRING_AGG,
    ARRAY_AGG;

    /** Maps a Calcite aggregate name or SqlKind name ("$SUM0", "EVERY", "SOME", ...) to a kind. */
    public static AggKind fromName(String name) {
        String n = name.toUpperCase(java.util.Locale.ROOT);
        switch (n) {
            case "$SUM0": return SUM0;
            case "EVERY": return BOOL_AND;
            case "SOME": return BOOL_OR;
            case "STDDEV": return STDDEV_SAMP;
            case "VARIANCE": return VAR_SAMP;
            case "LISTAGG": return STRING_AGG;
            default: return valueOf(n);
        }
    }
}
