package sohu.verify.array;

import sohu.verilator.Sim;

/**
 * The requester's side of one memory's element port ({@code mp_<space>_*}, see
 * {@code sohu.core.array.ElementPort}) in a simulation: presents one cycle's request (a write and a
 * read bank mask, an address and a datum per bank) and reads the owner's {@code ready} and
 * {@code rdata}. The caller steps the simulation.
 */
public final class ElementPortDriver {
    private final Sim sim;
    private final Sim.Port we;
    private final Sim.Port re;
    private final Sim.Port ready;
    private final Sim.Port[] addr;
    private final Sim.Port[] wdata;
    private final Sim.Port[] rdata;

    /** The port {@code mp_<space>_*} of {@code banks} banks of {@code sim}; starts idle. */
    public ElementPortDriver(Sim sim, String space, int banks) {
        String p = "mp_" + space + "_";
        this.sim = sim;
        we = sim.port(p + "we");
        re = sim.port(p + "re");
        ready = sim.port(p + "ready");
        addr = new Sim.Port[banks];
        wdata = new Sim.Port[banks];
        rdata = new Sim.Port[banks];
        for (int b = 0; b < banks; b++) {
            addr[b] = sim.port(p + "addr_" + b);
            wdata[b] = sim.port(p + "wdata_" + b);
            rdata[b] = sim.port(p + "rdata_" + b);
        }
        idle();
    }

    /** Banks of the port. */
    public int banks() {
        return addr.length;
    }

    /** No request this cycle. */
    public void idle() {
        we.set(0);
        re.set(0);
    }

    /**
     * This cycle's request: bank b writes {@code data[b]} at {@code address[b]} when bit b of
     * {@code writeMask} is set, reads {@code address[b]} when bit b of {@code readMask} is (never both).
     */
    public void request(long writeMask, long readMask, int[] address, long[] data) {
        if ((writeMask & readMask) != 0) {
            throw new IllegalArgumentException("a bank cannot read and write in one cycle: " + (writeMask & readMask));
        }
        for (int b = 0; b < addr.length; b++) {
            addr[b].set(address[b]);
            wdata[b].set(data[b]);
        }
        we.set(writeMask);
        re.set(readMask);
    }

    /** Whether the owner takes this cycle's request (settled after the pokes: ready may follow the request). */
    public boolean ready() {
        sim.eval();
        return ready.get() != 0;
    }

    /** Bank b's element read by the request taken in the previous cycle. */
    public long rdata(int b) {
        return rdata[b].get();
    }

    /** The name of bank b's read data port (for failure reports). */
    public String rdataName(int b) {
        return rdata[b].name();
    }
}
