package sohu.hdl.lib;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.Bundle;
import static sohu.hdl.Types.Flipped;
import static sohu.hdl.Types.UInt;

import sohu.hdl.HwType;

/**
 * The AMBA AXI4 and AXI4-Lite interfaces as bundle types, seen from the master: the
 * slave's signals (ready of AW/W/AR, and the whole B and R channels except their
 * ready) are flipped. The port name is the prefix: {@code output("m_axi", Axi4.lite(32, 32))}
 * gives {@code m_axi_awaddr ... m_axi_rready} on a master, {@code input("s_axi", ...)}
 * the same signals with every direction turned on a slave, and one {@code set}
 * connects a whole interface.
 */
public final class Axi4 {
    private Axi4() { }

    /** OKAY response. */
    public static final int OKAY = 0;
    /** Slave error response. */
    public static final int SLVERR = 2;

    /** AXI4-Lite: AW (awaddr, awprot), W (wdata, wstrb), B (bresp), AR (araddr, arprot), R (rdata, rresp). */
    public static HwType.BundleType lite(int addrWidth, int dataWidth) {
        check(dataWidth == 32 || dataWidth == 64, "AXI4-Lite data width must be 32 or 64, got " + dataWidth);
        return Bundle(
                "awaddr", UInt(addrWidth), "awprot", UInt(3), "awvalid", Bool(), "awready", Flipped(Bool()),
                "wdata", UInt(dataWidth), "wstrb", UInt(dataWidth / 8), "wvalid", Bool(), "wready", Flipped(Bool()),
                "bresp", Flipped(UInt(2)), "bvalid", Flipped(Bool()), "bready", Bool(),
                "araddr", UInt(addrWidth), "arprot", UInt(3), "arvalid", Bool(), "arready", Flipped(Bool()),
                "rdata", Flipped(UInt(dataWidth)), "rresp", Flipped(UInt(2)), "rvalid", Flipped(Bool()), "rready", Bool());
    }

    /** Full AXI4 with IDs and bursts (no user signals, no region). */
    public static HwType.BundleType full(int idWidth, int addrWidth, int dataWidth) {
        check(dataWidth >= 8 && Integer.bitCount(dataWidth) == 1, "AXI4 data width must be a power of two >= 8, got " + dataWidth);
        return Bundle(
                "awid", UInt(idWidth), "awaddr", UInt(addrWidth), "awlen", UInt(8), "awsize", UInt(3), "awburst", UInt(2),
                "awlock", Bool(), "awcache", UInt(4), "awprot", UInt(3), "awqos", UInt(4), "awvalid", Bool(), "awready", Flipped(Bool()),
                "wdata", UInt(dataWidth), "wstrb", UInt(dataWidth / 8), "wlast", Bool(), "wvalid", Bool(), "wready", Flipped(Bool()),
                "bid", Flipped(UInt(idWidth)), "bresp", Flipped(UInt(2)), "bvalid", Flipped(Bool()), "bready", Bool(),
                "arid", UInt(idWidth), "araddr", UInt(addrWidth), "arlen", UInt(8), "arsize", UInt(3), "arburst", UInt(2),
                "arlock", Bool(), "arcache", UInt(4), "arprot", UInt(3), "arqos", UInt(4), "arvalid", Bool(), "arready", Flipped(Bool()),
                "rid", Flipped(UInt(idWidth)), "rdata", Flipped(UInt(dataWidth)), "rresp", Flipped(UInt(2)), "rlast", Flipped(Bool()),
                "rvalid", Flipped(Bool()), "rready", Bool());
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
