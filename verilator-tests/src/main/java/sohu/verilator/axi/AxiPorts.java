package sohu.verilator.axi;

import sohu.verilator.Sim;

/**
 * The 37 signals of one full AXI4 interface on a simulation's top, resolved once by their prefix
 * ({@code m_axi} gives {@code m_axi_awaddr ... m_axi_rready}). Data and strobes are read and
 * written as 64-bit words, least significant first, so any data width works.
 */
public final class AxiPorts {
    final Sim sim;
    final int dataBits;
    final int dataWords;
    final int strobeWords;
    final Sim.Port awid, awaddr, awlen, awsize, awburst, awvalid, awready;
    final Sim.Port wdata, wstrb, wlast, wvalid, wready;
    final Sim.Port bid, bresp, bvalid, bready;
    final Sim.Port arid, araddr, arlen, arsize, arburst, arvalid, arready;
    final Sim.Port rid, rdata, rresp, rlast, rvalid, rready;

    /** The interface named {@code prefix} on {@code sim}. */
    public AxiPorts(Sim sim, String prefix) {
        this.sim = sim;
        String p = prefix + "_";
        awid = sim.port(p + "awid");
        awaddr = sim.port(p + "awaddr");
        awlen = sim.port(p + "awlen");
        awsize = sim.port(p + "awsize");
        awburst = sim.port(p + "awburst");
        awvalid = sim.port(p + "awvalid");
        awready = sim.port(p + "awready");
        wdata = sim.port(p + "wdata");
        wstrb = sim.port(p + "wstrb");
        wlast = sim.port(p + "wlast");
        wvalid = sim.port(p + "wvalid");
        wready = sim.port(p + "wready");
        bid = sim.port(p + "bid");
        bresp = sim.port(p + "bresp");
        bvalid = sim.port(p + "bvalid");
        bready = sim.port(p + "bready");
        arid = sim.port(p + "arid");
        araddr = sim.port(p + "araddr");
        arlen = sim.port(p + "arlen");
        arsize = sim.port(p + "arsize");
        arburst = sim.port(p + "arburst");
        arvalid = sim.port(p + "arvalid");
        arready = sim.port(p + "arready");
        rid = sim.port(p + "rid");
        rdata = sim.port(p + "rdata");
        rresp = sim.port(p + "rresp");
        rlast = sim.port(p + "rlast");
        rvalid = sim.port(p + "rvalid");
        rready = sim.port(p + "rready");
        dataBits = wdata.width();
        dataWords = Math.max(1, dataBits / 64);
        strobeWords = Math.max(1, (dataBits / 8 + 63) / 64);
    }

    /** Bytes of a bus word. */
    public int busBytes() {
        return dataBits / 8;
    }

    static long[] words(Sim.Port port, int n) {
        long[] w = new long[n];
        if (port.width() <= 64) {
            w[0] = port.get();
        } else {
            port.getWords(w, 0);
        }
        return w;
    }

    static void set(Sim.Port port, long[] words) {
        if (port.width() <= 64) {
            port.set(port.width() == 64 ? words[0] : words[0] & ((1L << port.width()) - 1));
        } else {
            port.setWords(words);
        }
    }
}
