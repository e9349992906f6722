package sohu.hdl;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import sohu.hdl.ir.Expr;
import sohu.hdl.ir.SourceLoc;
import sohu.hdl.ir.Stmt;

/** Builds assertions, assumptions, cover points and prints into the current scope. */
final class Verification {
    private Verification() { }

    /** Format specifiers {@link #display} accepts (SystemVerilog's, as Verilator, Icarus and Yosys share them). */
    private static final Pattern SPEC = Pattern.compile("%(%|0?[dhxbo])");

    static void verify(ModuleBuilder b, Stmt.VerifyKind kind, Bool cond, String text, SourceLoc at) {
        b.checkSameModule(cond);
        if (!checkText(b, text, kind == Stmt.VerifyKind.COVER ? "cover name" : "message")) {
            return;
        }
        String name = null;
        if (kind == Stmt.VerifyKind.COVER) {
            if (!ModuleBuilder.isIdentifier(text)) {
                b.usage("cover name '" + text + "' is not an identifier",
                        "name cover points with letters, digits and '_' (the count is read by that name)");
                return;
            }
            name = "cover_" + text;
            b.reserve(name);
        }
        b.add(new Stmt.Verify(kind, name, cond.expr, text, clockName(b), at));
    }

    static void display(ModuleBuilder b, String format, Bits[] args, SourceLoc at) {
        if (!checkText(b, format, "format")) {
            return;
        }
        int specs = countSpecifiers(format);
        if (specs != args.length) {
            b.usage("display format \"" + format + "\" has " + (specs < 0 ? "an unsupported specifier" : specs + " specifiers")
                    + " for " + args.length + " arguments", "use one of %d %0d %h %x %b %o per argument (%% for a percent sign)");
            return;
        }
        List<Expr> exprs = new ArrayList<>(args.length);
        for (Bits a : args) {
            b.checkSameModule(a);
            exprs.add(a.expr);
        }
        b.add(new Stmt.Display(format, List.copyOf(exprs), clockName(b), at));
    }

    /** Number of value specifiers in a format, or -1 if one is not supported. */
    private static int countSpecifiers(String format) {
        Matcher m = SPEC.matcher(format);
        int specs = 0;
        int at = 0;
        while (at < format.length()) {
            int p = format.indexOf('%', at);
            if (p < 0) {
                break;
            }
            if (!m.find(p) || m.start() != p) {
                return -1;
            }
            specs += m.group(1).equals("%") ? 0 : 1;
            at = m.end();
        }
        return specs;
    }

    /** False (after a collected error) if {@code text} cannot go into a SystemVerilog string. */
    private static boolean checkText(ModuleBuilder b, String text, String what) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < ' ' || c > '~') {
                b.usage(what + " \"" + text + "\" contains a character that is not printable ASCII",
                        "use printable ASCII only (it is emitted inside a SystemVerilog string)");
                return false;
            }
        }
        return true;
    }

    /** The clock of the domain in scope (the implicit clk is added if needed). */
    private static String clockName(ModuleBuilder b) {
        return ((Expr.Ref) b.clock().expr).name();
    }
}
