package sohu.verilator.axi;

import sohu.verilator.Agent;
import sohu.verilator.Sim;
import sohu.verilator.Testbench;

/**
 * An AXI4-Lite master on the ports {@code <prefix>_aw*}, {@code _w*}, {@code _b*}, {@code _ar*},
 * {@code _r*} of a design (the leaves of {@code Axi4.lite}): one access at a time, a write
 * offering AW and W together and holding each until its READY, then taking B; a read offering AR,
 * then taking R. {@link #write} and {@link #read} run the testbench until the access is over.
 */
public final class AxiLiteMaster implements Agent {
    /** The answer to one access: the data read (0 for a write) and the response (0 OKAY, 2 SLVERR, 3 DECERR). */
    public record Response(long data, int resp) { }

    private final String p;
    private boolean writing;
    private boolean reading;
    private boolean awDone;
    private boolean wDone;
    private boolean arDone;
    private long addr;
    private long data;
    private int strb = 0xF;
    private Response last;

    /** A master on the ports named {@code prefix_*}. */
    public AxiLiteMaster(String prefix) {
        this.p = prefix + "_";
    }

    /** Writes {@code value} (all byte strobes) to {@code address}; returns the response. */
    public int write(Testbench tb, long address, long value, long timeout) {
        return write(tb, address, value, 0xF, timeout);
    }

    /** Writes the bytes of {@code value} whose bit in {@code strobes} is set to {@code address}; returns the response. */
    public int write(Testbench tb, long address, long value, int strobes, long timeout) {
        strb = strobes;
        start(true, address, value);
        tb.runUntil(() -> last != null, timeout);
        return finish(tb, "write", address).resp();
    }

    /** Reads {@code address}. */
    public Response read(Testbench tb, long address, long timeout) {
        start(false, address, 0);
        tb.runUntil(() -> last != null, timeout);
        return finish(tb, "read", address);
    }

    private void start(boolean write, long address, long value) {
        if (writing || reading) {
            throw new IllegalStateException("AXI4-Lite master: one access at a time");
        }
        writing = write;
        reading = !write;
        awDone = false;
        wDone = false;
        arDone = false;
        addr = address;
        data = value;
        last = null;
    }

    private Response finish(Testbench tb, String what, long address) {
        if (last == null) {
            throw tb.sim().failure("AXI4-Lite " + what + " of 0x" + Long.toHexString(address) + " got no response");
        }
        Response r = last;
        last = null;
        return r;
    }

    @Override
    public void onCycle(Sim s, long cycle) {
        s.poke(p + "awvalid", writing && !awDone ? 1 : 0);
        s.poke(p + "wvalid", writing && !wDone ? 1 : 0);
        s.poke(p + "awaddr", addr);
        s.poke(p + "awprot", 0);
        s.poke(p + "wdata", data);
        s.poke(p + "wstrb", strb);
        s.poke(p + "bready", writing && awDone && wDone ? 1 : 0);
        s.poke(p + "arvalid", reading && !arDone ? 1 : 0);
        s.poke(p + "araddr", addr);
        s.poke(p + "arprot", 0);
        s.poke(p + "rready", reading && arDone ? 1 : 0);
        s.eval();
        // handshakes are sampled before the edge, with the values just driven
        boolean aw = writing && !awDone && s.peek(p + "awready") == 1;
        boolean w = writing && !wDone && s.peek(p + "wready") == 1;
        boolean b = writing && awDone && wDone && s.peek(p + "bvalid") == 1;
        boolean ar = reading && !arDone && s.peek(p + "arready") == 1;
        boolean r = reading && arDone && s.peek(p + "rvalid") == 1;
        if (b) {
            last = new Response(0, (int) s.peek(p + "bresp"));
            writing = false;
        }
        if (r) {
            last = new Response(s.peek(p + "rdata"), (int) s.peek(p + "rresp"));
            reading = false;
        }
        awDone |= aw;
        wDone |= w;
        arDone |= ar;
    }
}
