package sohu.verilator.axi;

import java.util.function.Consumer;
import sohu.verilator.Sim;

/**
 * A blocking AXI4-Lite master on the interface {@code prefix} of a simulation's top
 * ({@code prefix_awaddr ... prefix_rready}, 32-bit data): each call runs the clock until its
 * transaction completes, AW and W offered together and each dropped once taken, and fails if the
 * slave does not answer within {@code limit} cycles (a hang). {@code beforeEdge} sees the design
 * settled before every rising edge the master runs.
 */
public final class AxiLiteMaster {
    /** A read's answer. */
    public record Read(long data, int resp) { }

    private final Sim sim;
    private final int limit;
    private final Consumer<Sim> beforeEdge;
    private final Sim.Port awaddr, awvalid, awready, wdata, wstrb, wvalid, wready, bresp, bvalid, bready;
    private final Sim.Port araddr, arvalid, arready, rdata, rresp, rvalid, rready;

    /** A master on {@code prefix}; every transaction must finish within {@code limit} cycles. */
    public AxiLiteMaster(Sim sim, String prefix, int limit, Consumer<Sim> beforeEdge) {
        this.sim = sim;
        this.limit = limit;
        this.beforeEdge = beforeEdge;
        String p = prefix + "_";
        awaddr = sim.port(p + "awaddr");
        awvalid = sim.port(p + "awvalid");
        awready = sim.port(p + "awready");
        wdata = sim.port(p + "wdata");
        wstrb = sim.port(p + "wstrb");
        wvalid = sim.port(p + "wvalid");
        wready = sim.port(p + "wready");
        bresp = sim.port(p + "bresp");
        bvalid = sim.port(p + "bvalid");
        bready = sim.port(p + "bready");
        araddr = sim.port(p + "araddr");
        arvalid = sim.port(p + "arvalid");
        arready = sim.port(p + "arready");
        rdata = sim.port(p + "rdata");
        rresp = sim.port(p + "rresp");
        rvalid = sim.port(p + "rvalid");
        rready = sim.port(p + "rready");
        for (Sim.Port s : new Sim.Port[] {awvalid, wvalid, arvalid}) {
            s.set(0);
        }
        bready.set(1);
        rready.set(1);
    }

    /** Writes {@code data} with strobes {@code strb} at byte address {@code addr}; returns BRESP. */
    public int write(long addr, long data, int strb) {
        awaddr.set(addr);
        wdata.set(data);
        wstrb.set(strb);
        awvalid.set(1);
        wvalid.set(1);
        boolean aw = false;
        boolean w = false;
        for (int i = 0; i < limit; i++) {
            sim.eval();
            boolean awTaken = !aw && awready.get() != 0;
            boolean wTaken = !w && wready.get() != 0;
            boolean b = aw && w && bvalid.get() != 0;
            int resp = (int) bresp.get();
            edge();
            aw |= awTaken;
            w |= wTaken;
            awvalid.set(aw ? 0 : 1);
            wvalid.set(w ? 0 : 1);
            if (b) {
                return resp;
            }
        }
        throw sim.failure("AXI-Lite write to 0x" + Long.toHexString(addr) + " not answered in " + limit + " cycles");
    }

    /** Writes all four bytes. */
    public int write(long addr, long data) {
        return write(addr, data, 0xF);
    }

    /** Reads byte address {@code addr}. */
    public Read read(long addr) {
        araddr.set(addr);
        arvalid.set(1);
        boolean ar = false;
        for (int i = 0; i < limit; i++) {
            sim.eval();
            boolean arTaken = !ar && arready.get() != 0;
            boolean r = ar && rvalid.get() != 0;
            Read got = new Read(rdata.get(), (int) rresp.get());
            edge();
            ar |= arTaken;
            arvalid.set(ar ? 0 : 1);
            if (r) {
                return got;
            }
        }
        throw sim.failure("AXI-Lite read of 0x" + Long.toHexString(addr) + " not answered in " + limit + " cycles");
    }

    /** Runs {@code n} idle cycles. */
    public void idle(int n) {
        for (int i = 0; i < n; i++) {
            sim.eval();
            edge();
        }
    }

    private void edge() {
        beforeEdge.accept(sim);
        sim.step();
    }
}
