package io.pipelinemanager.core.internal.engine.expr;

import io.pipelinemanager.core.internal.engine.type.SqlRuntimeException;
import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.zset.Row;
import java.util.regex.Pattern;

/**
 * [NOT] LIKE, ILIKE (case-insensitive LIKE) or SIMILAR TO (see {@link PgRegex#similar}) with an optional
 * escape character: % matches any sequence, _ one character. A constant pattern is compiled once. NULL
 * operands give NULL.
 */
public final class LikeExpr implements Expr {

    /** The pattern language. */
    public enum Syntax {
        /** LIKE. */
        LIKE,
        /** ILIKE: LIKE ignoring case. */
        ILIKE,
        /** SIMILAR TO: SQL regular expressions. */
        SIMILAR
    }

    private final Expr value;
    private final Expr pattern;
    private final Expr escape;
    private final boolean negated;
    private final Syntax syntax;
    private final Pattern constant;

    /** {@code value [NOT] LIKE pattern [ESCAPE escape]}; escape may be null. */
    public LikeExpr(Expr value, Expr pattern, Expr escape, boolean negated) {
        this(value, pattern, escape, negated, Syntax.LIKE);
    }

    /** {@code value [NOT] LIKE|ILIKE|SIMILAR TO pattern [ESCAPE escape]}. */
    public LikeExpr(Expr value, Expr pattern, Expr escape, boolean negated, Syntax syntax) {
        this.syntax = syntax;
        this.value = value;
        this.pattern = pattern;
        this.escape = escape;
        this.negated = negated;
        if (pattern instanceof Literal && (escape == null || escape instanceof Literal)
                && ((Literal) pattern).value() != null && (escape == null || ((Literal) escape).value() != null)) {
            this.constant = compile((String) ((Literal) pattern).value(),
                    escape == null ? null : (String) ((Literal) escape).value(), syntax);
        } else {
            this.constant = null;
        }
    }

    @Override
    public Object eval(Row row) {
        Object v = value.eval(row);
        if (v == null) {
            return null;
        }
        Pattern p = constant;
        if (p == null) {
            Object pat = pattern.eval(row);
            Object esc = escape == null ? null : escape.eval(row);
            if (pat == null || (escape != null && esc == null)) {
                return null;
            }
            p = compile((String) pat, (String) esc, syntax);
        }
        return p.matcher((String) v).matches() != negated;
    }

    /** Translates a SQL LIKE pattern to a regex. */
    static Pattern compile(String pattern, String escape, Syntax syntax) {
        if (syntax == Syntax.SIMILAR) {
            return PgRegex.similar(pattern, escape);
        }
        if (escape != null && escape.length() != 1) {
            throw new SqlRuntimeException(SqlRuntimeException.Code.INVALID_ARGUMENT, "invalid escape string '" + escape + "'");
        }
        char esc = escape == null ? 0 : escape.charAt(0);
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (escape != null && c == esc) {
                if (i + 1 >= pattern.length()) {
                    throw new SqlRuntimeException(SqlRuntimeException.Code.INVALID_ARGUMENT, "LIKE pattern ends with escape");
                }
                char n = pattern.charAt(++i);
                if (n != '%' && n != '_' && n != esc) {
                    throw new SqlRuntimeException(SqlRuntimeException.Code.INVALID_ARGUMENT, "invalid escape sequence in LIKE pattern");
                }
                re.append(Pattern.quote(String.valueOf(n)));
            } else if (c == '%') {
                re.append(".*");
            } else if (c == '_') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(),
                Pattern.DOTALL | (syntax == Syntax.ILIKE ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0));
    }

    @Override
    public SqlType type() {
        return SqlType.bool().withNullable(value.type().nullable() || pattern.type().nullable());
    }
}
