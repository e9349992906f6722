package sohu.hdl;

import java.util.ArrayList;
import sohu.hdl.ir.SourceLoc;

/** A {@code when / elseWhen / otherwise} chain under construction. */
public final class WhenChain {
    private final ModuleBuilder b;
    private ModuleBuilder.WhenNode last;

    private WhenChain(ModuleBuilder b, ModuleBuilder.WhenNode first) {
        this.b = b;
        this.last = first;
    }

    static WhenChain start(ModuleBuilder b, Bool cond, Runnable body) {
        b.checkSameModule(cond);
        ModuleBuilder.WhenNode node = new ModuleBuilder.WhenNode(cond.expr, SourceLoc.capture());
        b.add(node);
        b.inScope(node.then, body);
        return new WhenChain(b, node);
    }

    /** Statements that take effect when the earlier conditions are false and {@code cond} is true. */
    public WhenChain elseWhen(Bool cond, Runnable body) {
        b.checkSameModule(cond);
        if (!requireOpen()) {
            start(b, cond, body);
            return this;
        }
        ModuleBuilder.WhenNode node = new ModuleBuilder.WhenNode(cond.expr, SourceLoc.capture());
        last.otherwise = new ArrayList<>();
        last.otherwise.add(node);
        last = node;
        b.inScope(node.then, body);
        return this;
    }

    /** Statements that take effect when every condition is false. */
    public void otherwise(Runnable body) {
        if (!requireOpen()) {
            b.inScope(new ArrayList<>(), body);
            return;
        }
        last.otherwise = new ArrayList<>();
        b.inScope(last.otherwise, body);
    }

    /** False (after reporting) when the chain already ended with otherwise. */
    private boolean requireOpen() {
        if (last.otherwise != null) {
            b.usage("this when-chain already has an otherwise branch", "add elseWhen before otherwise");
            return false;
        }
        return true;
    }
}
