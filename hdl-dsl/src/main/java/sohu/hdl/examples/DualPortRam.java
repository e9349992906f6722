package sohu.hdl.examples;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.UInt;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import sohu.hdl.Bool;
import sohu.hdl.Mem;
import sohu.hdl.Module;
import sohu.hdl.Types;
import sohu.hdl.UInt;

/**
 * A 1R1W memory: one synchronous read port and one write port, both every cycle. A read
 * of the address being written returns the old word. Word i starts as {@code i * 3}
 * when {@code initialized} (to exercise initial contents).
 */
public final class DualPortRam extends Module {
    /** Word width, depth and whether initial contents are given. */
    public record Params(int width, int depth, boolean initialized) { }

    /** Builds the memory. */
    public DualPortRam(Params p) {
        name("DualPortRam_w" + p.width() + "_d" + p.depth() + (p.initialized() ? "_init" : ""));
        int aw = Types.bitsFor(p.depth());
        Bool we = input("we", Bool());
        UInt waddr = input("waddr", UInt(aw));
        UInt wdata = input("wdata", UInt(p.width()));
        Bool re = input("re", Bool());
        UInt raddr = input("raddr", UInt(aw));
        UInt rdata = output("rdata", UInt(p.width()));
        List<BigInteger> init = new ArrayList<>();
        if (p.initialized()) {
            BigInteger mask = BigInteger.ONE.shiftLeft(p.width()).subtract(BigInteger.ONE);
            for (int i = 0; i < p.depth(); i++) {
                init.add(BigInteger.valueOf(i * 3L).and(mask));
            }
        }
        Mem ram = mem("ram", p.width(), p.depth(), init);
        ram.write(waddr, wdata, we);
        rdata.set(ram.read(raddr, re));
    }
}
