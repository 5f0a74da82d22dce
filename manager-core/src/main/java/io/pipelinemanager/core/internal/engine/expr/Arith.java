package io.pipelinemanager.core.internal.engine.expr;

import io.pipelinemanager.core.internal.engine.type.SqlRuntimeException;
import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.type.TypeKind;
import io.pipelinemanager.core.internal.engine.zset.Row;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Binary arithmetic (+ − * / %) with NULL propagation. Operands are promoted to the result type
 * chosen by Calcite: integer kinds use overflow-checked long arithmetic followed by a range check
 * of the result type, DECIMAL uses BigDecimal rounded to the result scale, REAL/DOUBLE use double.
 * Division or modulo by zero is an error for every numeric kind; integer division truncates
 * toward zero and % keeps the dividend's sign. DATETIME results handle datetime ± interval.
 */
public final class Arith implements Expr {
    private final Fn op;
    private final Expr left;
    private final Expr right;
    private final SqlType type;
    private final TypeKind kind;

    /** {@code left op right} with result type {@code type}. */
    public Arith(Fn op, Expr left, Expr right, SqlType type) {
        this.op = op;
        this.left = left;
        this.right = right;
        this.type = type;
        this.kind = type.kind();
    }

    /** The operator ({@code PLUS}, {@code MINUS}, ...). */
    public Fn op() {
        return op;
    }

    /** The left operand. */
    public Expr left() {
        return left;
    }

    /** The right operand. */
    public Expr right() {
        return right;
    }

    @Override
    public Object eval(Row row) {
        Object a = left.eval(row);
        if (a == null) {
            return null;
        }
        Object b = right.eval(row);
        if (b == null) {
            return null;
        }
        if (kind.isInteger()) {
            return Casts.checkRange(longOp(op, toLong(a), toLong(b)), type);
        }
        switch (kind) {
            case DECIMAL: return decimalOp(Casts.toDecimal(a), Casts.toDecimal(b));
            case DOUBLE: return doubleOp(Casts.toDouble(a), Casts.toDouble(b));
            case REAL: return (double) (float) doubleOp(Casts.toDouble(a), Casts.toDouble(b));
            case DATE:
            case TIME:
            case TIMESTAMP: return datetimeOp(a, b);
            case INTERVAL_DAY_TIME:
            case INTERVAL_YEAR_MONTH: return intervalOp(a, b);
            default: throw new IllegalStateException("arithmetic with result type " + type);
        }
    }

    private static long toLong(Object v) {
        if (v instanceof Long) {
            return (Long) v;
        }
        return (Long) Casts.cast(v, SqlType.bigint());
    }

    /** Overflow-checked long arithmetic. */
    static long longOp(Fn op, long a, long b) {
        try {
            switch (op) {
                case PLUS: return Math.addExact(a, b);
                case MINUS: return Math.subtractExact(a, b);
                case TIMES: return Math.multiplyExact(a, b);
                case DIVIDE:
                    if (b == 0) {
                        throw SqlRuntimeException.divisionByZero();
                    }
                    if (a == Long.MIN_VALUE && b == -1) {
                        throw SqlRuntimeException.overflow("BIGINT overflow in " + a + " / " + b);
                    }
                    return a / b;
                case MOD:
                    if (b == 0) {
                        throw SqlRuntimeException.divisionByZero();
                    }
                    return b == -1 ? 0 : a % b;
                default: throw new IllegalStateException("not arithmetic: " + op);
            }
        } catch (SqlRuntimeException e) {
            throw e;
        } catch (ArithmeticException e) {
            throw SqlRuntimeException.overflow("BIGINT overflow in " + a + " " + op + " " + b);
        }
    }

    private BigDecimal decimalOp(BigDecimal a, BigDecimal b) {
        BigDecimal r;
        switch (op) {
            case PLUS: r = a.add(b); break;
            case MINUS: r = a.subtract(b); break;
            case TIMES: r = a.multiply(b); break;
            case DIVIDE:
                if (b.signum() == 0) {
                    throw SqlRuntimeException.divisionByZero();
                }
                r = type.precision() > 0 ? a.divide(b, type.scale(), RoundingMode.HALF_UP) : divideUnconstrained(a, b);
                break;
            case MOD:
                if (b.signum() == 0) {
                    throw SqlRuntimeException.divisionByZero();
                }
                r = a.remainder(b);
                break;
            default: throw new IllegalStateException("not arithmetic: " + op);
        }
        return Casts.fitDecimal(r, type);
    }

    /**
     * {@code a / b} (b non-zero) for the unconstrained DECIMAL, with PostgreSQL's result scale (its
     * {@code select_div_scale}): about 16 significant digits, and never fewer decimals than either operand,
     * estimated from the first non-zero base-10000 digit group of each operand; rounded half away from zero.
     */
    public static BigDecimal divideUnconstrained(BigDecimal a, BigDecimal b) {
        int qweight = groupWeight(a) - groupWeight(b);
        if (firstGroup(a) <= firstGroup(b)) {
            qweight--;
        }
        int scale = 16 - qweight * 4;
        scale = Math.max(scale, Math.max(a.scale(), 0));
        scale = Math.max(scale, Math.max(b.scale(), 0));
        scale = Math.min(scale, 1000);
        return a.divide(b, scale, RoundingMode.HALF_UP);
    }

    /** The weight of the first non-zero base-10000 digit group (0 for zero): 10^(4w) ≤ |d| < 10^(4w+4). */
    private static int groupWeight(BigDecimal d) {
        return d.signum() == 0 ? 0 : Math.floorDiv(d.precision() - d.scale() - 1, 4);
    }

    /** The value of the first non-zero base-10000 digit group (0 for zero). */
    private static int firstGroup(BigDecimal d) {
        return d.signum() == 0 ? 0
                : d.abs().movePointLeft(4 * groupWeight(d)).setScale(0, RoundingMode.DOWN).intValueExact();
    }

    private double doubleOp(double a, double b) {
        switch (op) {
            case PLUS: return a + b;
            case MINUS: return a - b;
            case TIMES: return a * b;
            case DIVIDE:
                if (b == 0) {
                    throw SqlRuntimeException.divisionByZero();
                }
                return a / b;
            case MOD:
                if (b == 0) {
                    throw SqlRuntimeException.divisionByZero();
                }
                return a % b;
            default: throw new IllegalStateException("not arithmetic: " + op);
        }
    }

    private Object datetimeOp(Object a, Object b) {
        boolean aIsDatetime = Casts.isDatetime(a);
        Object dt = aIsDatetime ? a : b;
        long amount = (Long) (aIsDatetime ? b : a);
        boolean months = (aIsDatetime ? right : left).type().kind() == TypeKind.INTERVAL_YEAR_MONTH;
        if (op == Fn.MINUS) {
            amount = Math.negateExact(amount);
        } else if (op != Fn.PLUS && op != Fn.DATETIME_PLUS) {
            throw new IllegalStateException("datetime " + op);
        }
        return Casts.cast(DateTimes.plus(dt, amount, months), type);
    }

    private Object intervalOp(Object a, Object b) {
        boolean months = kind == TypeKind.INTERVAL_YEAR_MONTH;
        if (Casts.isDatetime(a)) {
            return DateTimes.difference(a, b, months);
        }
        if (op == Fn.TIMES || op == Fn.DIVIDE) {
            double f = op == Fn.TIMES ? Casts.toDouble(a) * Casts.toDouble(b) : Casts.toDouble(a) / zeroCheck(b);
            return Math.round(f);
        }
        return longOp(op, toLong(a), toLong(b));
    }

    private static double zeroCheck(Object b) {
        double d = Casts.toDouble(b);
        if (d == 0) {
            throw SqlRuntimeException.divisionByZero();
        }
        return d;
    }

    @Override
    public SqlType type() {
        return type;
    }
}
