package sohu.hdl.emit;

import java.math.BigInteger;
import sohu.hdl.ir.Expr;

/**
 * Writes expressions as SystemVerilog whose widths are exact at every operator, so that
 * {@code verilator -Wall} has nothing to say and all tools compute the same value.
 * Multiplications must already be hoisted into their own signals (see {@link SvEmitter}).
 */
final class ExprWriter {
    private ExprWriter() { }

    static String write(Expr e) {
        StringBuilder sb = new StringBuilder();
        write(e, sb);
        return sb.toString();
    }

    static void write(Expr e, StringBuilder sb) {
        if (e instanceof Expr.Ref r) {
            sb.append(r.name());
        } else if (e instanceof Expr.Lit l) {
            literal(l, sb);
        } else if (e instanceof Expr.Unary u) {
            sb.append(switch (u.op()) {
                case NOT -> "~";
                case NEG -> "-";
                case AND_REDUCE -> "&";
                case OR_REDUCE -> "|";
                case XOR_REDUCE -> "^";
            });
            operand(u.a(), sb);
        } else if (e instanceof Expr.Binary b) {
            operand(b.a(), sb);
            sb.append(' ').append(b.op().sv).append(' ');
            if (isShift(b.op()) && b.b() instanceof Expr.Lit l && l.symbol() == null) {
                sb.append(l.bits());
            } else {
                operand(b.b(), sb);
            }
        } else if (e instanceof Expr.Slice s) {
            slice(s, sb);
        } else if (e instanceof Expr.Concat c) {
            sb.append('{');
            for (int i = 0; i < c.parts().size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                write(c.parts().get(i), sb);
            }
            sb.append('}');
        } else if (e instanceof Expr.Mux m) {
            operand(m.sel(), sb);
            sb.append(" ? ");
            operand(m.t(), sb);
            sb.append(" : ");
            operand(m.f(), sb);
        } else if (e instanceof Expr.Extend x) {
            extend(x, sb);
        } else if (e instanceof Expr.Reinterpret x) {
            sb.append(x.signed() ? "$signed(" : "$unsigned(");
            write(x.a(), sb);
            sb.append(')');
        } else if (e instanceof Expr.MemRead m) {
            sb.append(m.mem()).append('[');
            write(m.addr(), sb);
            sb.append(']');
        }
    }

    private static boolean isShift(Expr.BinOp op) {
        return op == Expr.BinOp.SHL || op == Expr.BinOp.SHR || op == Expr.BinOp.SRA;
    }

    /** Whether the expression needs no parentheses as an operand. */
    static boolean atomic(Expr e) {
        return e instanceof Expr.Ref || e instanceof Expr.Lit || e instanceof Expr.Concat
                || e instanceof Expr.MemRead || e instanceof Expr.Reinterpret
                || (e instanceof Expr.Slice s && s.a() instanceof Expr.Ref)
                || (e instanceof Expr.Extend x && !x.signExtend());
    }

    private static void operand(Expr e, StringBuilder sb) {
        if (atomic(e)) {
            write(e, sb);
        } else {
            sb.append('(');
            write(e, sb);
            sb.append(')');
        }
    }

    static void literal(Expr.Lit l, StringBuilder sb) {
        if (l.symbol() != null) {
            sb.append(l.symbol());
            return;
        }
        if (l.signed()) {
            sb.append("$signed(");
        }
        sb.append(l.width());
        BigInteger v = l.bits();
        if (v.bitLength() <= 10) {
            sb.append("'d").append(v);
        } else {
            sb.append("'h").append(v.toString(16).toUpperCase(java.util.Locale.ROOT));
        }
        if (l.signed()) {
            sb.append(')');
        }
    }

    private static void slice(Expr.Slice s, StringBuilder sb) {
        if (s.a() instanceof Expr.Ref r) {
            if (r.width() == 1) {
                sb.append(r.name());
            } else if (s.hi() == s.lo()) {
                sb.append(r.name()).append('[').append(s.hi()).append(']');
            } else {
                sb.append(r.name()).append('[').append(s.hi()).append(':').append(s.lo()).append(']');
            }
            return;
        }
        // A part-select of an expression is not legal SystemVerilog: shift, then size-cast.
        // The braces make the operand self-determined so the cast cannot widen it.
        sb.append(s.width()).append("'({");
        write(s.a(), sb);
        sb.append('}');
        if (s.lo() > 0) {
            sb.append(" >> ").append(s.lo());
        }
        sb.append(')');
    }

    private static void extend(Expr.Extend x, StringBuilder sb) {
        int extra = x.width() - x.a().width();
        if (!x.signExtend()) {
            sb.append('{').append(extra).append("'d0, ");
            write(x.a(), sb);
            sb.append('}');
            return;
        }
        if (x.a() instanceof Expr.Ref r) {
            String msb = r.width() == 1 ? r.name() : r.name() + "[" + (r.width() - 1) + "]";
            sb.append("$signed({{").append(extra).append('{').append(msb).append("}}, ").append(r.name()).append("})");
            return;
        }
        sb.append(x.width()).append("'($signed({");
        write(x.a(), sb);
        sb.append("}))");
    }
}
