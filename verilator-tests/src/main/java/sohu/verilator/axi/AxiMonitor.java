package sohu.verilator.axi;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import sohu.verilator.Agent;
import sohu.verilator.Sim;

/**
 * Checks every AXI4 rule a master and a slave must keep on one interface and fails on the first
 * violation with its cycle and rule: VALID held until READY and the payload stable meanwhile (all
 * five channels), legal AxLEN/AxSIZE/AxBURST (no reserved burst type, no size wider than the bus,
 * WRAP of 2/4/8/16 aligned beats, FIXED of at most 16), no INCR burst crossing a 4 KiB boundary,
 * WLAST on the last beat of each write burst and only there, read data and write responses only for
 * an outstanding burst of their ID, in that ID's order, RLAST exactly on a burst's last beat, and no
 * write response before the burst's last data beat. Each ID's order is checked by matching a
 * returning beat or response against the oldest outstanding burst of its ID (its beat count and
 * RLAST). It also counts the read bursts and write responses that came back before an older burst of
 * another ID ({@link #readsOutOfOrder()}, {@link #writesOutOfOrder()}), which AXI allows. Register it
 * after the agents that drive the interface: it samples the handshakes of the coming edge in its
 * drive phase.
 */
public final class AxiMonitor implements Agent {
    private final AxiPorts p;
    private final int maxSize;
    private final Channel aw, w, b, ar, r;
    private final Map<Long, ArrayDeque<long[]>> readsById = new HashMap<>(); // {beats, beats seen, issue number}
    private final ArrayDeque<long[]> awPending = new ArrayDeque<>(); // {id, beats, issue number} waiting for their W data
    private final Map<Long, ArrayDeque<Long>> writesDoneById = new HashMap<>(); // issue numbers awaiting B
    private final TreeSet<Long> readsOpen = new TreeSet<>();
    private final TreeSet<Long> writesOpen = new TreeSet<>();
    private long issued;
    private int wBeats;
    private long checked;
    private long readsOutOfOrder;
    private long writesOutOfOrder;

    /** A monitor of the interface {@code prefix} on {@code sim}. */
    public AxiMonitor(Sim sim, String prefix) {
        p = new AxiPorts(sim, prefix);
        maxSize = Integer.numberOfTrailingZeros(p.busBytes());
        aw = new Channel("AW", p.awvalid, p.awready, p.awid, p.awaddr, p.awlen, p.awsize, p.awburst);
        w = new Channel("W", p.wvalid, p.wready, p.wdata, p.wstrb, p.wlast);
        b = new Channel("B", p.bvalid, p.bready, p.bid, p.bresp);
        ar = new Channel("AR", p.arvalid, p.arready, p.arid, p.araddr, p.arlen, p.arsize, p.arburst);
        r = new Channel("R", p.rvalid, p.rready, p.rid, p.rdata, p.rresp, p.rlast);
    }

    /** Handshakes checked so far. */
    public long handshakes() {
        return checked;
    }

    /** Read bursts whose first beat came while an older read burst (of another ID) still had beats to come. */
    public long readsOutOfOrder() {
        return readsOutOfOrder;
    }

    /** Write responses that came while an older write burst (of another ID) had its data sent but no response. */
    public long writesOutOfOrder() {
        return writesOutOfOrder;
    }

    /** Whether every address seen has had all its data and its response. */
    public boolean quiet() {
        return awPending.isEmpty() && readsOpen.isEmpty() && writesOpen.isEmpty();
    }

    @Override
    public void onCycle(Sim sim, long cycle) {
        if (aw.sample(cycle)) {
            address(cycle, "AW", p.awaddr.get(), p.awlen.get(), p.awsize.get(), p.awburst.get());
            awPending.add(new long[] {p.awid.get(), p.awlen.get() + 1, issued++});
        }
        if (ar.sample(cycle)) {
            address(cycle, "AR", p.araddr.get(), p.arlen.get(), p.arsize.get(), p.arburst.get());
            readsById.computeIfAbsent(p.arid.get(), k -> new ArrayDeque<>()).add(new long[] {p.arlen.get() + 1, 0, issued});
            readsOpen.add(issued++);
        }
        if (w.sample(cycle)) {
            writeBeat(cycle);
        }
        if (r.sample(cycle)) {
            readBeat(cycle);
        }
        if (b.sample(cycle)) {
            long id = p.bid.get();
            ArrayDeque<Long> done = writesDoneById.get(id);
            if (done == null || done.isEmpty()) {
                fail(cycle, "B matches a write burst", "BID " + id + " has no write burst whose address and last data beat were sent");
            }
            long n = done.poll();
            if (n != writesOpen.first()) {
                writesOutOfOrder++;
            }
            writesOpen.remove(n);
        }
    }

    private void address(long cycle, String ch, long addr, long len, long size, long burst) {
        checked++;
        if (burst == 3) {
            fail(cycle, ch + " burst type legal", ch + "BURST 3 is reserved");
        }
        if (size > maxSize) {
            fail(cycle, ch + " size within the bus", ch + "SIZE " + size + " is wider than the " + p.busBytes() + "-byte bus");
        }
        long step = 1L << size;
        if (burst == 2 && (!(len == 1 || len == 3 || len == 7 || len == 15) || (addr & (step - 1)) != 0)) {
            fail(cycle, ch + " WRAP burst legal", "WRAP needs 2, 4, 8 or 16 beats from an aligned address, got "
                    + ch + "LEN " + len + " at 0x" + Long.toHexString(addr));
        }
        if (burst == 0 && len > 15) {
            fail(cycle, ch + " FIXED burst legal", "FIXED bursts have at most 16 beats, got " + (len + 1));
        }
        if (burst == 1) {
            long last = (addr & -step) + (len + 1) * step - 1;
            if ((last >>> 12) != (addr >>> 12)) {
                fail(cycle, ch + " burst within 4 KiB", String.format("INCR burst at 0x%x of %d beats of %d bytes ends at 0x%x, past the 4 KiB boundary",
                        addr, len + 1, step, last));
            }
        }
    }

    private void writeBeat(long cycle) {
        checked++;
        wBeats++;
        boolean last = p.wlast.get() != 0;
        long[] head = awPending.peek();
        if (head != null) {
            if (last && wBeats != head[1]) {
                fail(cycle, "WLAST on the last beat", "WLAST on beat " + wBeats + " of a " + head[1] + "-beat burst (AWID " + head[0] + ")");
            }
            if (!last && wBeats == head[1]) {
                fail(cycle, "WLAST on the last beat", "beat " + wBeats + " of a " + head[1] + "-beat burst (AWID " + head[0] + ") without WLAST");
            }
        }
        if (last) {
            if (head == null) {
                fail(cycle, "W follows AW", "a write burst of " + wBeats + " beats ended before its address (this monitor needs AW first)");
            }
            awPending.poll();
            writesDoneById.computeIfAbsent(head[0], k -> new ArrayDeque<>()).add(head[2]);
            writesOpen.add(head[2]);
            wBeats = 0;
        }
    }

    private void readBeat(long cycle) {
        checked++;
        long id = p.rid.get();
        ArrayDeque<long[]> q = readsById.get(id);
        if (q == null || q.isEmpty()) {
            fail(cycle, "R matches a read burst", "RID " + id + " has no outstanding read burst");
        }
        long[] head = q.peek();
        if (head[1] == 0 && head[2] != readsOpen.first()) {
            readsOutOfOrder++;
        }
        head[1]++;
        boolean last = p.rlast.get() != 0;
        if (last != (head[1] == head[0])) {
            fail(cycle, "RLAST on the last beat", "RLAST=" + (last ? 1 : 0) + " on beat " + head[1] + " of the oldest "
                    + head[0] + "-beat burst of RID " + id);
        }
        if (last) {
            q.poll();
            readsOpen.remove(head[2]);
        }
    }

    private void fail(long cycle, String rule, String detail) {
        throw p.sim.failure("AXI protocol violation at cycle " + cycle + ": rule '" + rule + "': " + detail);
    }

    /** One channel's handshake and its stability rules. */
    private final class Channel {
        private final String name;
        private final Sim.Port valid;
        private final Sim.Port ready;
        private final Sim.Port[] payload;
        private boolean stalled;
        private long[] held;

        Channel(String name, Sim.Port valid, Sim.Port ready, Sim.Port... payload) {
            this.name = name;
            this.valid = valid;
            this.ready = ready;
            this.payload = payload;
        }

        /** Checks the rules against the last cycle and returns whether a transfer happens at this edge. */
        boolean sample(long cycle) {
            boolean v = valid.get() != 0;
            boolean rd = ready.get() != 0;
            if (stalled) {
                if (!v) {
                    fail(cycle, name + "VALID held until READY", name + "VALID dropped while " + name + "READY was low");
                }
                long[] now = snapshot();
                if (!Arrays.equals(now, held)) {
                    fail(cycle, name + " payload stable while stalled", name + " payload changed while "
                            + name + "VALID was high and " + name + "READY low");
                }
            }
            stalled = v && !rd;
            if (stalled && held == null) {
                held = snapshot();
            } else if (!stalled) {
                held = null;
            }
            return v && rd;
        }

        private long[] snapshot() {
            int n = 0;
            for (Sim.Port q : payload) {
                n += q.words();
            }
            long[] s = new long[n];
            int off = 0;
            for (Sim.Port q : payload) {
                q.getWords(s, off);
                off += q.words();
            }
            return s;
        }
    }
}
