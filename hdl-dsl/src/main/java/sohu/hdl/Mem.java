package sohu.hdl;

import sohu.hdl.ir.Expr;
import sohu.hdl.ir.Memory;
import sohu.hdl.ir.Signal;
import sohu.hdl.ir.SourceLoc;
import sohu.hdl.ir.Stmt;

/**
 * A memory handle. Reads are synchronous: the word addressed in a cycle appears on the
 * returned value in the next cycle. Writes and reads happen in the enclosing
 * {@code when} scope, which acts as their enable.
 */
public final class Mem {
    private final ModuleBuilder b;
    private final Memory m;
    private int readPorts;

    Mem(ModuleBuilder b, Memory m) {
        this.b = b;
        this.m = m;
    }

    /** Address width (bits). */
    public int addrWidth() {
        return m.addrWidth();
    }

    /** A read port: returns the registered word at {@code addr} (read every cycle of the scope). */
    public UInt read(UInt addr) {
        if (!checkAddr(addr)) {
            return (UInt) b.poison(m.width(), false, false);
        }
        SourceLoc at = SourceLoc.capture();
        String rd = b.fresh(m.name() + "_rdata" + (readPorts == 0 ? "" : String.valueOf(readPorts)));
        readPorts++;
        b.signal(rd, Signal.Kind.REG, m.width(), false, null, at);
        b.add(new Stmt.Connect(rd, new Expr.MemRead(m.name(), addr.expr, m.width()), at));
        return (UInt) b.ref(rd, m.width(), false).asUInt();
    }

    /** A read port enabled by {@code en} (the output holds when disabled). */
    public UInt read(UInt addr, Bool en) {
        UInt[] out = new UInt[1];
        WhenChain.start(b, en, () -> out[0] = read(addr));
        return out[0];
    }

    /** Writes {@code data} to {@code addr} at the clock edge (in the current scope). */
    public void write(UInt addr, Bits data) {
        if (!checkAddr(addr)) {
            return;
        }
        b.checkSameModule(data);
        if (data.width() != m.width()) {
            b.report("width", "width mismatch: cannot write a " + data.width() + "-bit value to " + m.width() + "-bit memory '" + m.name() + "'",
                    "resize the data explicitly", SourceLoc.capture());
            return;
        }
        b.add(new Stmt.MemWrite(m.name(), addr.expr, data.asUInt().expr, SourceLoc.capture()));
    }

    /** Writes when {@code en} is true. */
    public void write(UInt addr, Bits data, Bool en) {
        WhenChain.start(b, en, () -> write(addr, data));
    }

    /** A single read/write port (1RW): when {@code en}, reads the old word and, if {@code we}, writes. */
    public UInt readWrite(UInt addr, Bits wdata, Bool we, Bool en) {
        UInt[] out = new UInt[1];
        WhenChain.start(b, en, () -> {
            out[0] = read(addr);
            WhenChain.start(b, we, () -> write(addr, wdata));
        });
        return out[0];
    }

    private boolean checkAddr(UInt addr) {
        b.checkSameModule(addr);
        if (addr.width() != m.addrWidth()) {
            b.usage("memory '" + m.name() + "' of depth " + m.depth() + " needs a " + m.addrWidth()
                    + "-bit address, got " + addr.width() + " bits", "resize the address explicitly with .resize(" + m.addrWidth() + ")");
            return false;
        }
        return true;
    }
}
