package sohu.hdl.examples;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.UInt;

import sohu.hdl.Bool;
import sohu.hdl.Module;
import sohu.hdl.Types;
import sohu.hdl.UInt;

/** A 1RW memory: one port that reads (old data) or reads and writes in the same cycle when enabled. */
public final class SinglePortRam extends Module {
    /** Word width and depth. */
    public record Params(int width, int depth) { }

    /** Builds the memory. */
    public SinglePortRam(Params p) {
        name("SinglePortRam_w" + p.width() + "_d" + p.depth());
        Bool en = input("en", Bool());
        Bool we = input("we", Bool());
        UInt addr = input("addr", UInt(Types.bitsFor(p.depth())));
        UInt wdata = input("wdata", UInt(p.width()));
        UInt rdata = output("rdata", UInt(p.width()));
        rdata.set(mem("ram", p.width(), p.depth()).readWrite(addr, wdata, we, en));
    }
}
