package sohu.core.soc.rtl;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.UInt;

import java.util.ArrayList;
import java.util.List;
import sohu.core.mem.DmaDescriptor;
import sohu.core.mem.DmaFormat;
import sohu.core.mem.rtl.DmaConfig;
import sohu.core.soc.SequencerConfig;
import sohu.hdl.Bool;
import sohu.hdl.Bundle;
import sohu.hdl.Elaborator;
import sohu.hdl.Hw;
import sohu.hdl.Mem;
import sohu.hdl.Module;
import sohu.hdl.Stream;
import sohu.hdl.UInt;
import sohu.hdl.Vec;
import sohu.hdl.ir.Circuit;

/**
 * The instruction fetch unit: reads a program (16-byte instructions, docs/ISA.md encoding) from
 * HBM through the DMA engine into a ring buffer in space {@value CoreSram#INSN_SPACE} and hands
 * the instructions on, in order, as the {@link Sequencer}'s {@code insn} stream.
 *
 * <p>Ports. {@code start} (a pulse) with {@code prog_addr} (the program's HBM byte address, any
 * alignment) and {@code count} (instructions) begins a fetch; it is taken only while no descriptor
 * of the last fetch is in flight, and drops whatever that fetch had not delivered. {@code dma_desc}
 * (out) issues one descriptor per chunk of {@code chunkInsns} instructions (tag {@value #TAG},
 * HBM to SRAM byte {@code 4 << 24 | slot·16}), only when the buffer has room for the whole chunk,
 * so the DMA never waits for the sequencer; {@code dma_done} (in, always ready) takes its
 * completions, which must arrive in descriptor order (the DMA's order for accepted descriptors).
 * {@code insn_wr_*} (in) are {@link CoreSram}'s space-4 writes, taken every cycle. {@code insn}
 * (out) delivers the instructions ({@code lo} bits 0..63, {@code hi} 64..127), each only after its
 * chunk's completion. {@code busy} is high while a descriptor is in flight or an instruction is
 * undelivered; {@code error} holds the first non-OK completion code ({@link
 * sohu.core.mem.DmaStatus.Code} ordinal), after which no descriptor is issued and nothing more is
 * delivered.
 */
public final class InsnFetch extends Module {
    /** The tag of every descriptor the unit issues. */
    public static final int TAG = 2;
    /** Bytes of an instruction. */
    public static final int INSN_BYTES = 16;
    private static final int IX = SequencerConfig.INDEX_BITS;

    /**
     * The unit's parameters.
     *
     * @param dma        the DMA engine its descriptors go to (its bus width shapes the buffer)
     * @param chunkInsns instructions per descriptor: a power of two 1..4096
     * @param chunks     chunks the buffer holds: a power of two, at least 2; the buffer must hold at
     *                   least two bus words
     */
    public record Params(DmaConfig dma, int chunkInsns, int chunks) {
        /** Validates the sizes. */
        public Params {
            if (chunkInsns < 1 || chunkInsns > 4096 || Integer.bitCount(chunkInsns) != 1) {
                throw new IllegalArgumentException("InsnFetch: chunkInsns must be a power of two 1..4096, got " + chunkInsns);
            }
            if (chunks < 2 || chunks > 1024 || Integer.bitCount(chunks) != 1) {
                throw new IllegalArgumentException("InsnFetch: chunks must be a power of two 2..1024, got " + chunks);
            }
            if ((long) chunkInsns * chunks * INSN_BYTES < 2L * dma.busBytes()) {
                throw new IllegalArgumentException("InsnFetch: a buffer of " + chunkInsns * chunks + " instructions is less than two "
                        + dma.busBytes() + "-byte bus words; use more or larger chunks");
            }
        }

        /**
         * Chunks of 32 instructions, 8 of them (4 KiB): 256 instructions in flight cover an HBM
         * latency of about 200 cycles at one instruction a cycle.
         */
        public static Params of(DmaConfig dma) {
            return new Params(dma, 32, 8);
        }

        /** Instructions the buffer holds. */
        public int capacity() {
            return chunkInsns * chunks;
        }
    }

    /** Elaborates the unit. */
    public static Circuit elaborate(Params p) {
        return Elaborator.elaborate(InsnFetch.class, p);
    }

    /** Builds the unit. */
    public InsnFetch(Params p) {
        DmaConfig d = p.dma();
        name("InsnFetch_d" + d.dataBits() + "_c" + p.chunkInsns() + "x" + p.chunks());
        int cap = p.capacity();
        int halves = d.busBytes() / 8;
        int banks = Math.max(1, halves / 2);
        int rows = cap / banks;
        int bankBits = log2(banks);
        int rowBits = log2(rows);
        int chunk = p.chunkInsns();

        Bool start = input("start", Bool());
        UInt progAddr = input("prog_addr", UInt(DmaFormat.ADDR_BITS));
        UInt count = input("count", UInt(IX));
        Stream<Bundle> desc = streamOut("dma_desc", DmaFormat.descriptor());
        Stream<Bundle> done = streamIn("dma_done", DmaFormat.status());
        Bool wrValid = input("insn_wr_valid", Bool());
        UInt wrAddr = input("insn_wr_addr", UInt(CoreSram.SPACE_LSB - d.wordShift()));
        UInt wrData = input("insn_wr_data", UInt(d.dataBits()));
        UInt wrMask = input("insn_wr_mask", UInt(d.busBytes()));
        Stream<Bundle> out = streamOut("insn", Sequencer.word());

        UInt base = reg("base", UInt(DmaFormat.ADDR_BITS), 0);
        UInt total = reg("total", UInt(IX), 0);
        UInt issued = reg("issued", UInt(IX), 0);
        UInt landed = reg("landed", UInt(IX), 0);
        UInt head = reg("head", UInt(IX), 0);
        UInt shown = reg("shown", UInt(IX), 0);
        UInt consumed = reg("consumed", UInt(IX), 0);
        Bool outValid = reg("out_valid", Bool(), 0);
        UInt error = reg("error_q", UInt(DmaFormat.CODE_BITS), 0);
        Bool ok = named("ok", error.eq(0));
        Bool begin = named("take_start", start.and(issued.eq(landed)));

        // ---- descriptors: a chunk when the buffer has room for all of it
        UInt left = named("left", total.subWrap(issued));
        UInt n = named("chunk_len", Hw.mux(left.lt(chunk), left, uint(chunk, IX)));
        Bool room = named("room", issued.subWrap(consumed).le(cap - chunk));
        desc.valid().set(issued.ne(total).and(ok).and(room));
        Bundle dp = desc.payload();
        int a = DmaFormat.ADDR_BITS;
        UInt bytes = n.truncate(DmaFormat.ROW_BYTES_BITS - 4).zext(DmaFormat.ROW_BYTES_BITS).shl(4);
        dp.get("tag").set(uint(TAG, DmaFormat.TAG_BITS));
        dp.get("direction").set(uint(DmaDescriptor.Direction.HBM_TO_SRAM.ordinal(), 2));
        dp.get("src").set(base.addWrap(issued.zext(a).shl(4)));
        dp.get("dst").set(uint((long) CoreSram.INSN_SPACE << CoreSram.SPACE_LSB, a)
                .or(issued.slice(log2(cap) - 1, 0).zext(a).shl(4)));
        dp.get("rows").set(uint(1, DmaFormat.ROWS_BITS));
        dp.get("bytesPerRow").set(bytes);
        dp.get("srcStride").set(bytes.zext(a));
        dp.get("dstStride").set(bytes.zext(a));

        // ---- completions, in descriptor order: each lands the next chunk
        done.ready().set(bool(true));
        UInt landLeft = total.subWrap(landed);
        UInt landN = Hw.mux(landLeft.lt(chunk), landLeft, uint(chunk, IX));
        UInt code = done.payload().uint("code");

        // ---- the buffer: banks of instructions, each a low and a high half
        List<Mem> lo = new ArrayList<>();
        List<Mem> hi = new ArrayList<>();
        for (int b = 0; b < banks; b++) {
            lo.add(mem("buf_lo_" + b, 64, rows));
            hi.add(mem("buf_hi_" + b, 64, rows));
        }
        if (halves == 1) {
            // an 8-byte bus: a word is one half of instruction addr / 2
            UInt row = wrAddr.slice(rowBits, 1);
            when(wrValid.and(wrMask.bit(0)).and(wrAddr.bit(0).not()), () -> lo.get(0).write(row, wrData));
            when(wrValid.and(wrMask.bit(0)).and(wrAddr.bit(0)), () -> hi.get(0).write(row, wrData));
        } else {
            UInt row = wrAddr.slice(rowBits - 1, 0);
            for (int b = 0; b < banks; b++) {
                Mem l = lo.get(b);
                Mem h = hi.get(b);
                UInt dl = wrData.slice(128 * b + 63, 128 * b);
                UInt dh = wrData.slice(128 * b + 127, 128 * b + 64);
                when(wrValid.and(wrMask.bit(16 * b)), () -> l.write(row, dl));
                when(wrValid.and(wrMask.bit(16 * b + 8)), () -> h.write(row, dh));
            }
        }

        // ---- delivery: a registered head read from the buffer
        Bool advance = named("advance", head.ne(landed).and(ok).and(outValid.not().or(out.ready())));
        UInt at = named("read_at", Hw.mux(advance, head, shown));
        UInt readRow = at.slice(bankBits + rowBits - 1, bankBits);
        List<UInt> words = new ArrayList<>();
        for (int b = 0; b < banks; b++) {
            words.add(hi.get(b).read(readRow).cat(lo.get(b).read(readRow)));
        }
        UInt word = banks == 1 ? words.get(0) : Vec.of(words).get(shown.slice(bankBits - 1, 0));
        out.valid().set(outValid);
        out.payload().uint("lo").set(word.slice(63, 0));
        out.payload().uint("hi").set(word.slice(127, 64));

        when(begin, () -> {
            base.set(progAddr);
            total.set(count);
            issued.set(0);
            landed.set(0);
            head.set(0);
            shown.set(0);
            consumed.set(0);
            outValid.set(false);
            error.set(0);
        }).otherwise(() -> {
            when(desc.fire(), () -> issued.set(issued.addWrap(n)));
            when(done.valid(), () -> {
                landed.set(landed.addWrap(landN));
                when(ok, () -> error.set(code));
            });
            when(advance, () -> {
                head.set(head.addWrap(1));
                shown.set(head);
                outValid.set(true);
            }).elseWhen(out.fire(), () -> outValid.set(false));
            when(out.fire(), () -> consumed.set(consumed.addWrap(1)));
        });
        output("busy", Bool()).set(issued.ne(landed).or(ok.and(consumed.ne(total))));
        output("error", UInt(DmaFormat.CODE_BITS)).set(error);
    }

    private static int log2(int n) {
        return Integer.numberOfTrailingZeros(n);
    }
}
