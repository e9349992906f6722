package sohu.hdl.emit;

import java.util.List;
import java.util.function.Function;
import sohu.hdl.ir.Expr;
import sohu.hdl.ir.ModuleDef;
import sohu.hdl.ir.Stmt;

/**
 * The SystemVerilog of clock domains and of verification statements: immediate
 * {@code assert}/{@code assume}/{@code cover} and {@code $display} inside an
 * {@code always} block of their clock, under {@code `ifndef SYNTHESIS} (Yosys defines it;
 * Verilator and Icarus run them). A failure calls {@code $error} with a message that
 * names the Java file:line, which the Verilator bridge turns into an exception.
 */
final class VerifyWriter {
    private VerifyWriter() { }

    /** Prefix of the pseudo-target under which the emitter prunes verification statements per clock. */
    private static final String PREFIX = "$verify:";

    /** Plain {@code always}: Icarus warns about system tasks in {@code always_ff}. */
    private static final String ALWAYS = "always";

    /** Prefix of a failure message, which the simulation bridge recognizes. */
    static final String MARK = "sohu ";

    static String target(Stmt s) {
        return PREFIX + (s instanceof Stmt.Verify v ? v.clock() : ((Stmt.Display) s).clock());
    }

    static boolean isTarget(String t) {
        return t.startsWith(PREFIX);
    }

    /** The clock domains declared in a module, in declaration order. */
    static List<Stmt.ClockDomain> domains(ModuleDef m) {
        return m.clockDomains();
    }

    /** {@code always_ff} header and reset test of a domain's registers with reset (null: clk and rst). */
    static void resetHeader(Stmt.ClockDomain d, boolean defaultAsync, StringBuilder out) {
        resetHeader(d, defaultAsync, "always_ff", out);
    }

    private static void resetHeader(Stmt.ClockDomain d, boolean defaultAsync, String always, StringBuilder out) {
        String clk = d == null ? "clk" : d.clock();
        String rst = d == null ? "rst" : d.reset();
        boolean low = d != null && d.resetActiveLow();
        boolean async = d == null ? defaultAsync : d.resetAsync();
        out.append("  ").append(always).append(" @(posedge ").append(clk);
        if (async) {
            out.append(low ? " or negedge " : " or posedge ").append(rst);
        }
        out.append(") begin\n    if (").append(low ? "!" : "").append(rst).append(") begin\n");
    }

    /** Opens the verification block of one clock; returns whether it is guarded by a reset. */
    static boolean blockHeader(ModuleDef m, String target, StringBuilder out) {
        String clock = target.substring(PREFIX.length());
        for (Stmt.ClockDomain d : domains(m)) {
            if (d.clock().equals(clock)) {
                if (d.reset() == null) {
                    out.append("  " + ALWAYS + " @(posedge ").append(clock).append(") begin\n");
                    return false;
                }
                resetHeader(d, false, ALWAYS, out);
                out.append("    end else begin\n");
                return true;
            }
        }
        if (clock.equals("clk") && m.port("rst") != null) {
            resetHeader(null, m.resetAsync(), ALWAYS, out);
            out.append("    end else begin\n");
            return true;
        }
        out.append("  " + ALWAYS + " @(posedge ").append(clock).append(") begin\n");
        return false;
    }

    /** Declares the counter of every cover point, initialized to zero. */
    static void coverCounters(List<Stmt> body, StringBuilder out) {
        for (Stmt s : body) {
            if (s instanceof Stmt.Verify v && v.kind() == Stmt.VerifyKind.COVER) {
                out.append("  logic [31:0] ").append(v.name()).append(" = 32'd0;\n");
            } else if (s instanceof Stmt.When w) {
                coverCounters(w.then(), out);
                coverCounters(w.otherwise(), out);
            } else if (s instanceof Stmt.Switch sw) {
                sw.cases().forEach(k -> coverCounters(k.body(), out));
                if (sw.otherwise() != null) {
                    coverCounters(sw.otherwise(), out);
                }
            }
        }
    }

    /** One verification statement. */
    static void statement(Stmt s, String indent, StringBuilder out, Function<Expr, String> expr) {
        out.append(indent);
        if (s instanceof Stmt.Display d) {
            out.append("$display(\"").append(escape(d.format(), false)).append('"');
            d.args().forEach(a -> out.append(", ").append(expr.apply(a)));
            out.append(");\n");
            return;
        }
        Stmt.Verify v = (Stmt.Verify) s;
        String cond = expr.apply(v.cond());
        switch (v.kind()) {
            // Verilator drops cover statements (and their actions) without --coverage-user: count beside it
            case COVER -> out.append("cover (").append(cond).append(");\n").append(indent).append("if (").append(cond)
                    .append(") ").append(v.name()).append(" <= ").append(v.name()).append(" + 32'd1;\n");
            case ASSERT, ASSUME -> out.append(v.kind() == Stmt.VerifyKind.ASSERT ? "assert (" : "assume (").append(cond)
                    .append(") else $error(\"").append(MARK).append(v.kind().name().toLowerCase(java.util.Locale.ROOT))
                    .append(" at ").append(escape(v.loc().toString(), true)).append(": ")
                    .append(escape(v.message(), true)).append("\");\n");
        }
    }

    /** Escapes a string literal; {@code literal} also doubles {@code %} so that the text prints as written. */
    private static String escape(String text, boolean literal) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            } else if (c == '%' && literal) {
                sb.append('%');
            }
            sb.append(c < ' ' || c > '~' ? '?' : c);
        }
        return sb.toString();
    }
}
