package sohu.hdl;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import sohu.hdl.ir.Expr;
import sohu.hdl.ir.SourceLoc;

/** A {@code switch} under construction: {@code is(value, body)} arms and an optional {@code otherwise}. */
public final class SwitchBuilder {
    private final ModuleBuilder b;
    private final UInt subject;
    private final ModuleBuilder.SwitchNode node;
    private final Set<BigInteger> seen = new HashSet<>();

    SwitchBuilder(ModuleBuilder b, UInt subject) {
        b.checkSameModule(subject);
        this.b = b;
        this.subject = subject;
        this.node = new ModuleBuilder.SwitchNode(subject.expr, SourceLoc.capture());
        b.add(node);
    }

    /** An arm taken when the subject equals {@code value}. */
    public SwitchBuilder is(long value, Runnable body) {
        return arm(new Expr.Lit(Bits.pattern(value, subject.width(), false, b), subject.width(), false), body);
    }

    /** An arm taken when the subject equals a constant (e.g. an enum value). */
    public SwitchBuilder is(UInt constant, Runnable body) {
        if (!(constant.expr instanceof Expr.Lit lit) || lit.width() != subject.width()) {
            b.usage("switch arms need constants of the subject's width (" + subject.width() + " bits)",
                    "use a literal or enumValue(...) of the subject's type");
            return arm(new Expr.Lit(java.math.BigInteger.ZERO, subject.width(), false, ModuleBuilder.ERROR), body);
        }
        return arm(lit, body);
    }

    /** An arm taken for an enum value. */
    public <E extends Enum<E>> SwitchBuilder is(E value, Runnable body) {
        String symbol = (value.getDeclaringClass().getSimpleName() + "_" + value.name()).toUpperCase(java.util.Locale.ROOT);
        int w = new HwType.EnumType<>(value.getDeclaringClass()).width();
        if (w != subject.width()) {
            b.usage("enum " + value.getDeclaringClass().getSimpleName() + " needs " + w + " bits but the subject has " + subject.width(),
                    "switch on a value of the enum's type");
            return arm(new Expr.Lit(java.math.BigInteger.ZERO, subject.width(), false, ModuleBuilder.ERROR), body);
        }
        return arm(b.symbol(symbol, BigInteger.valueOf(value.ordinal()), w), body);
    }

    private SwitchBuilder arm(Expr.Lit value, Runnable body) {
        if (node.otherwise != null) {
            b.usage("switch arm after otherwise", "put otherwise last");
        }
        if (!ModuleBuilder.isPoison(value) && !seen.add(value.bits())) {
            b.report("switch", "duplicate switch arm for value " + value.bits(), "remove one of the arms", SourceLoc.capture());
        }
        List<Object> scope = new ArrayList<>();
        node.values.add(List.of(value));
        node.bodies.add(scope);
        b.inScope(scope, body);
        return this;
    }

    /** The default arm. */
    public void otherwise(Runnable body) {
        if (node.otherwise != null) {
            b.usage("switch already has an otherwise arm", "keep one otherwise");
            b.inScope(new ArrayList<>(), body); // run it for its other errors; its statements are dropped
            return;
        }
        node.otherwise = new ArrayList<>();
        b.inScope(node.otherwise, body);
    }
}
