package sohu.verify.mem;

import java.util.Arrays;
import java.util.function.Consumer;
import sohu.verilator.Agent;
import sohu.verilator.Sim;

/**
 * Drives a scratchpad's {@code compute_*} port (see {@link sohu.core.mem.rtl.BankedScratchpad}):
 * one {@link Access} at a time, one word per cycle; a write's partial first and last words go with
 * a byte mask, a read hands its bytes to its consumer once every word is back.
 */
final class ScratchpadPort implements Agent {
    /** Writes {@code bytes} at byte address {@code at}, or (bytes null) reads {@code length} bytes there. */
    record Access(long at, byte[] bytes, int length, Consumer<byte[]> then) implements KvHarness.Op {
        static Access write(long at, byte[] bytes) {
            return new Access(at, bytes.clone(), bytes.length, null);
        }

        static Access read(long at, int length, Consumer<byte[]> then) {
            return new Access(at, null, length, then);
        }
    }

    private final Sim.Port valid, we, addr, wdata, mask, rvalid, rdata;
    private final int bytes;
    private Access cur;
    private long first;
    private int words;
    private int issued;
    private int received;
    private byte[] buf;

    ScratchpadPort(Sim sim) {
        valid = sim.port("compute_valid");
        we = sim.port("compute_payload_we");
        addr = sim.port("compute_payload_addr");
        wdata = sim.port("compute_payload_wdata");
        mask = sim.port("compute_payload_mask");
        rvalid = sim.port("compute_rvalid");
        rdata = sim.port("compute_rdata");
        bytes = wdata.width() / 8;
    }

    /** Whether the last access is finished (its writes taken, its read answered). */
    boolean idle() {
        return cur == null;
    }

    /** Starts an access (the port must be idle). */
    void start(Access a) {
        cur = a;
        first = a.at() / bytes;
        words = (int) ((a.at() + a.length() - 1) / bytes - first + 1);
        issued = 0;
        received = 0;
        buf = new byte[words * bytes];
    }

    @Override
    public void onCycle(Sim sim, long cycle) {
        valid.set(0);
        if (cur == null) {
            return;
        }
        if (cur.bytes() == null && rvalid.get() == 1) {
            long[] w = new long[rdata.words()];
            rdata.getWords(w, 0);
            for (int k = 0; k < bytes; k++) {
                buf[received * bytes + k] = (byte) (w[k / 8] >>> (8 * (k % 8)));
            }
            if (++received == words) {
                int off = (int) (cur.at() - first * bytes);
                Access done = cur;
                cur = null;
                done.then().accept(Arrays.copyOfRange(buf, off, off + done.length()));
                return;
            }
        }
        if (issued == words) {
            return;
        }
        long word = first + issued;
        valid.set(1);
        addr.set(word);
        we.set(cur.bytes() != null ? 1 : 0);
        if (cur.bytes() != null) {
            long[] d = new long[(bytes + 7) / 8];
            long[] m = new long[(bytes + 63) / 64];
            for (int k = 0; k < bytes; k++) {
                long i = word * bytes + k - cur.at();
                if (i >= 0 && i < cur.length()) {
                    d[k / 8] |= (cur.bytes()[(int) i] & 0xFFL) << (8 * (k % 8));
                    m[k / 64] |= 1L << (k % 64);
                }
            }
            wdata.setWords(d);
            mask.setWords(m);
        }
        issued++;
        if (cur.bytes() != null && issued == words) {
            cur = null; // the compute port is always ready: the last word is taken at this edge
        }
    }
}
