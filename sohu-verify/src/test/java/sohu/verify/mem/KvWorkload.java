package sohu.verify.mem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import sohu.core.mem.KvBlockAllocator;
import sohu.core.mem.KvCacheConfig;
import sohu.core.mem.KvCommand;
import sohu.core.mem.KvLayout;
import sohu.core.mem.KvStatus;

/**
 * A host serving sequences on the KV cache unit: sequences grow by random prefill chunks and single
 * decode tokens, blocks come out of order from a {@link KvBlockAllocator}, finished sequences give
 * their blocks back. Every appended row is random bytes the workload remembers; every gather that
 * completes OK is compared with those bytes (an oracle that knows nothing of the address layout).
 */
final class KvWorkload {
    /** The scratchpad the appends read and the gathers fill. */
    interface Scratch {
        /** Puts the rows an append will read at {@code at}, before the append is submitted. */
        void write(long at, byte[] bytes);

        /** Hands {@code length} bytes at {@code at} to {@code then}, after the gather that filled them. */
        void read(long at, int length, java.util.function.Consumer<byte[]> then);

        /** A Java array (with {@link KvDmaAgent}): at once. */
        static Scratch of(byte[] spad) {
            return new Scratch() {
                @Override
                public void write(long at, byte[] bytes) {
                    System.arraycopy(bytes, 0, spad, (int) at, bytes.length);
                }

                @Override
                public void read(long at, int length, java.util.function.Consumer<byte[]> then) {
                    then.accept(Arrays.copyOfRange(spad, (int) at, (int) at + length));
                }
            };
        }

        /** The RTL scratchpad of a joined harness, through its compute port, in program order. */
        static Scratch rtl(KvHarness h) {
            return new Scratch() {
                @Override
                public void write(long at, byte[] bytes) {
                    h.submit(ScratchpadPort.Access.write(at, bytes));
                }

                @Override
                public void read(long at, int length, java.util.function.Consumer<byte[]> then) {
                    h.submit(ScratchpadPort.Access.read(at, length, then));
                }
            };
        }
    }

    private static final int AREAS = 512;

    private final KvCacheConfig cfg;
    private final KvLayout l;
    private final KvHarness h;
    private final Random rnd;
    private final KvBlockAllocator alloc;
    private final Scratch spad;
    private final int[] length;
    private final List<List<Integer>> blocks = new ArrayList<>();
    private final Map<Long, byte[]> rows = new HashMap<>();
    private final Set<Long> lost = new HashSet<>(); // rows whose append failed in the DMA
    private final int areaBytes;
    private int area;
    private int tag;
    int gathersChecked;
    int badCommands;
    long bytesChecked;

    KvWorkload(KvCacheConfig cfg, KvHarness h, Scratch spad, Random rnd) {
        this.cfg = cfg;
        this.l = cfg.layout();
        this.h = h;
        this.rnd = rnd;
        this.spad = spad;
        this.alloc = new KvBlockAllocator(l.blockCount(), rnd.nextLong());
        this.length = new int[cfg.sequences()];
        for (int s = 0; s < cfg.sequences(); s++) {
            blocks.add(new ArrayList<>());
        }
        this.areaBytes = areaBytes(cfg);
    }

    /** Scratchpad bytes the workload needs. */
    static int spadBytes(KvCacheConfig cfg) {
        return AREAS * areaBytes(cfg);
    }

    private static int areaBytes(KvCacheConfig cfg) {
        KvLayout l = cfg.layout();
        return Math.max(2 * l.kvHeads() * l.rowBytes(), cfg.maxTokens() * l.rowBytes());
    }

    /** One serving step: grow a sequence (a prefill chunk or a decode token), gather, now and then a bad command. */
    void step() {
        area = 0;
        int seq = rnd.nextInt(cfg.sequences());
        int n = rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(Math.min(40, cfg.maxTokens())) : 1;
        if (length[seq] + n > cfg.maxTokens() || needBlocks(seq, n) > alloc.free()) {
            finish(seq);
            for (int s = 0; s < cfg.sequences() && needBlocks(seq, n) > alloc.free(); s++) {
                finish(s);
            }
        }
        grow(seq, n); // no fence: the unit holds a gather behind the appends it may read
        for (int g = rnd.nextInt(3); g >= 0; g--) {
            int s = rnd.nextInt(cfg.sequences());
            if (length[s] > 0) {
                int first = rnd.nextBoolean() ? 0 : rnd.nextInt(length[s]); // the whole context or a tile of it
                gather(s, first, 1 + rnd.nextInt(length[s] - first), rnd.nextInt(l.layers()), rnd.nextInt(l.kvHeads()),
                        rnd.nextBoolean());
            }
        }
        if (rnd.nextInt(4) == 0) {
            bad();
        }
    }

    /**
     * A decode token appended to a sequence, then at once, with no wait between them, a gather of its
     * whole context in the layer appended last: the gather's reads race the append's writes unless
     * the unit holds it. The sequence is restarted when full.
     */
    void appendThenGather(int seq) {
        area = 0;
        if (length[seq] + 1 > cfg.maxTokens() || needBlocks(seq, 1) > alloc.free()) {
            finish(seq);
        }
        grow(seq, 1);
        gather(seq, 0, length[seq], l.layers() - 1, rnd.nextInt(l.kvHeads()), rnd.nextBoolean());
    }

    private int needBlocks(int seq, int n) {
        return (length[seq] + n + l.blockTokens() - 1) / l.blockTokens() - blocks.get(seq).size();
    }

    private long key(int seq, int pos, int layer) {
        return ((long) seq << 40) | ((long) pos << 16) | layer;
    }

    private long nextArea() {
        if (area == AREAS) {
            throw new IllegalStateException("a step used more than " + AREAS + " scratchpad areas");
        }
        return (long) areaBytes * area++;
    }

    private int nextTag() {
        tag = (tag + 1) & 0xFF;
        return tag;
    }

    private void grow(int seq, int n) {
        int rowBytes = 2 * l.kvHeads() * l.rowBytes();
        for (int p = length[seq]; p < length[seq] + n; p++) {
            if (p % l.blockTokens() == 0) {
                int b = alloc.allocate();
                blocks.get(seq).add(b);
                h.submit(new KvHarness.TableWrite(seq, p / l.blockTokens(), b));
            }
            for (int layer = 0; layer < l.layers(); layer++) {
                byte[] kv = new byte[rowBytes];
                rnd.nextBytes(kv);
                long k = key(seq, p, layer);
                rows.put(k, kv);
                lost.remove(k);
                long at = nextArea();
                spad.write(at, kv); // the area is not reused before the step drains
                h.submit(new KvHarness.Command(KvCommand.append(nextTag(), seq, p, layer, at), st -> {
                    if (st.code() != KvStatus.Code.OK) {
                        lost.add(k);
                    }
                }));
            }
        }
        length[seq] += n;
    }

    private void gather(int seq, int first, int tokens, int layer, int head, boolean v) {
        int rb = l.rowBytes();
        byte[] want = new byte[tokens * rb];
        int off = ((v ? 1 : 0) * l.kvHeads() + head) * rb;
        for (int p = 0; p < tokens; p++) {
            System.arraycopy(rows.get(key(seq, first + p, layer)), off, want, p * rb, rb);
        }
        long at = nextArea();
        KvCommand c = KvCommand.gather(nextTag(), seq, first, tokens, layer, head, v, at);
        h.submit(new KvHarness.Command(c, st -> {
            if (st.code() != KvStatus.Code.OK) {
                return; // a DMA error was injected: the harness already checked the status
            }
            spad.read(at, tokens * rb, all -> {
                for (int p = 0; p < tokens; p++) {
                    if (lost.contains(key(seq, first + p, layer))) {
                        continue; // its append failed: HBM holds older bytes
                    }
                    byte[] w = Arrays.copyOfRange(want, p * rb, (p + 1) * rb);
                    byte[] got = Arrays.copyOfRange(all, p * rb, (p + 1) * rb);
                    if (!Arrays.equals(w, got)) {
                        int i = Arrays.mismatch(w, got);
                        throw h.sim().failure("gather " + c + " token " + p + " byte " + i + ": expected " + w[i] + ", got " + got[i]);
                    }
                    bytesChecked += rb;
                }
                gathersChecked++;
            });
        }));
    }

    /** A command the unit must refuse or stop: every kind of bad field. */
    private void bad() {
        badCommands++;
        int seq = rnd.nextInt(cfg.sequences());
        long at = nextArea();
        KvCommand c = switch (rnd.nextInt(7)) {
            case 0 -> KvCommand.gather(nextTag(), cfg.sequences() + rnd.nextInt(100), 0, 1, 0, 0, false, at);
            case 1 -> KvCommand.append(nextTag(), seq, cfg.maxTokens() + rnd.nextInt(100), 0, at);
            case 2 -> KvCommand.gather(nextTag(), seq, rnd.nextInt(cfg.maxTokens()), 0, 0, 0, false, at);
            case 3 -> {
                int first = rnd.nextInt(cfg.maxTokens() + 50); // the last token beyond the table
                yield KvCommand.gather(nextTag(), seq, first, Math.max(1, cfg.maxTokens() - first + 1 + rnd.nextInt(50)), 0, 0, true, at);
            }
            case 4 -> KvCommand.gather(nextTag(), seq, 0, 1, l.layers() + rnd.nextInt(10), 0, false, at);
            case 5 -> KvCommand.gather(nextTag(), seq, 0, 1, 0, l.kvHeads() + rnd.nextInt(10), false, at);
            // beyond the sequence's mapped blocks (unmapped unless the sequence is full)
            default -> KvCommand.gather(nextTag(), seq, 0, Math.min(cfg.maxTokens(), length[seq] + l.blockTokens() + 1), 0, 0, false, at);
        };
        h.submit(new KvHarness.Command(c, null));
    }

    private void finish(int seq) {
        List<Integer> bs = blocks.get(seq);
        for (int i = 0; i < bs.size(); i++) {
            h.submit(new KvHarness.TableWrite(seq, i, -1));
            alloc.release(bs.get(i));
        }
        bs.clear();
        length[seq] = 0;
    }
}
