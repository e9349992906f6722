package sohu.hdl.ir;

import java.math.BigInteger;
import java.util.List;

/**
 * A combinational expression. Every node knows its exact width and signedness; the
 * builder guarantees that operands of arithmetic, bitwise and comparison nodes already
 * have equal widths and signedness, so the emitter never relies on Verilog's implicit
 * width rules.
 */
public sealed interface Expr {
    /** Width in bits (at least 1). */
    int width();

    /** Whether the value is two's-complement signed. */
    boolean signed();

    /** A reference to a declared port, wire, register or instance pin. */
    record Ref(String name, int width, boolean signed) implements Expr { }

    /** A constant; {@code bits} is the two's-complement bit pattern (non-negative, fits in width). */
    record Lit(BigInteger bits, int width, boolean signed, String symbol) implements Expr {
        public Lit(BigInteger bits, int width, boolean signed) {
            this(bits, width, signed, null);
        }
    }

    /** One-operand operators. */
    enum UnOp { NOT, NEG, AND_REDUCE, OR_REDUCE, XOR_REDUCE }

    /** A one-operand node (reductions give one bit). */
    record Unary(UnOp op, Expr a, int width, boolean signed) implements Expr { }

    /** Two-operand operators. */
    enum BinOp {
        ADD("+"), SUB("-"), MUL("*"), AND("&"), OR("|"), XOR("^"),
        EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="),
        SHL("<<"), SHR(">>"), SRA(">>>");

        /** The SystemVerilog spelling. */
        public final String sv;

        BinOp(String sv) {
            this.sv = sv;
        }

        /** Whether the result is one bit. */
        public boolean isComparison() {
            return ordinal() >= EQ.ordinal() && ordinal() <= GE.ordinal();
        }
    }

    /** A two-operand node. For MUL the width is the sum of the operand widths. */
    record Binary(BinOp op, Expr a, Expr b, int width, boolean signed) implements Expr { }

    /** Bits hi..lo of an expression, unsigned. */
    record Slice(Expr a, int hi, int lo) implements Expr {
        @Override public int width() { return hi - lo + 1; }
        @Override public boolean signed() { return false; }
    }

    /** Concatenation, most significant part first; unsigned. */
    record Concat(List<Expr> parts, int width) implements Expr {
        @Override public boolean signed() { return false; }
    }

    /** {@code sel ? t : f}, with t and f of equal type. */
    record Mux(Expr sel, Expr t, Expr f) implements Expr {
        @Override public int width() { return t.width(); }
        @Override public boolean signed() { return t.signed(); }
    }

    /** Zero or sign extension to a wider width. */
    record Extend(Expr a, int width, boolean signExtend, boolean signed) implements Expr { }

    /** The same bits seen as signed or unsigned. */
    record Reinterpret(Expr a, boolean signed) implements Expr {
        @Override public int width() { return a.width(); }
    }

    /** A read of one word of a memory (only inside a register update: synchronous read). */
    record MemRead(String mem, Expr addr, int width) implements Expr {
        @Override public boolean signed() { return false; }
    }
}
