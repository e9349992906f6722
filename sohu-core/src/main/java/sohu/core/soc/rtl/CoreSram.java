package sohu.core.soc.rtl;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.UInt;
import static sohu.hdl.Types.Vec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import sohu.core.compile.CoreConfig;
import sohu.core.mem.rtl.DmaConfig;
import sohu.core.mem.rtl.DmaEngine;
import sohu.hdl.Bool;
import sohu.hdl.Elaborator;
import sohu.hdl.Hw;
import sohu.hdl.Module;
import sohu.hdl.Types;
import sohu.hdl.UInt;
import sohu.hdl.Vec;
import sohu.hdl.ir.Circuit;

/**
 * The SohuCore's SRAM router: the {@link DmaEngine}'s SRAM port on one side, the element ports of
 * the four on-chip memories (act, wgt, acc, vmem; {@link ElementSpace}) and the instruction
 * stream's write port on the other.
 *
 * <h2>Byte map</h2>
 * Space {@code s} ({@link sohu.core.isa.Space} ordinals, 4 the instruction stream) is at SRAM byte
 * {@code s << }{@value #SPACE_LSB}; element {@code e} of a memory at {@code e·elementBytes} above
 * that (act and wgt: the format's bytes, acc and vmem: 4), so element {@code e} is bank
 * {@code e mod B}, word {@code e div B}. The DMA's {@code sramBits} must be at least
 * {@value #MIN_SRAM_BITS}. Spaces 5..7, an address past the end of a memory and a read of space 4
 * are out of range: the request is taken at once, writes nothing and reads as zero, and
 * {@code err_range} rises.
 *
 * <h2>Ports</h2>
 * <ul>
 *   <li>{@code sram_*}: named and timed as {@link DmaEngine}'s, so they connect by name. A request
 *       is taken ({@code sram_req_ready} high) in the cycle its last word line is written or read;
 *       a bus word that covers {@code k > 1} word lines of a memory (e.g. 4×4 E4M3, 8-byte bus:
 *       two lines of 4 bytes) takes {@code k} cycles with {@code sram_req_ready} low meanwhile, a
 *       bus word narrower than a line one cycle. A write has landed when it is taken. Reads
 *       answer in request order, two cycles after they are taken. {@code sram_req_ready} follows
 *       {@code mp_<s>_ready} of the addressed memory combinationally (and never the other way).
 *       A held request may change before it is taken (the DMA lets a write overtake a waiting
 *       read): a multi-line request restarts at its first line when another request replaces it
 *       (re-written lines are the same bytes).</li>
 *   <li>{@code mp_<s>_we/re/addr_<b>/wdata_<b>} (out), {@code mp_<s>_ready/rdata_<b>} (in): the
 *       element ports, as a requester (the contract of the memories' owners: ready low ignores
 *       this cycle's request, which is held; read data one cycle after a taken read).</li>
 *   <li>{@code insn_wr_valid/addr/data/mask} (out): space 4's bus words (the word index within the
 *       space, the data and the byte mask), for {@link InsnFetch}, which takes one every cycle.</li>
 *   <li>{@code err_partial}, {@code err_range} (out, sticky until {@code err_clear}): a write whose
 *       mask enables part of an element (masks must be element-aligned, as LOAD and STORE
 *       descriptors are: whole elements; the partial element is not written), an out-of-range
 *       request.</li>
 * </ul>
 */
public final class CoreSram extends Module {
    /** The bit where an SRAM byte address holds the space. */
    public static final int SPACE_LSB = 24;
    /** The space of the instruction stream. */
    public static final int INSN_SPACE = 4;
    /** The least SRAM address width: spaces 0..4 above bit {@value #SPACE_LSB}. */
    public static final int MIN_SRAM_BITS = SPACE_LSB + 3;

    /**
     * The router's parameters.
     *
     * @param dma  the DMA engine it serves ({@code sramBits} at least {@value #MIN_SRAM_BITS})
     * @param core the core whose memories it reaches (each at least one bus word)
     */
    public record Params(DmaConfig dma, CoreConfig core) {
        /** Checks that the byte map fits the DMA and that every memory holds a bus word. */
        public Params {
            if (dma.sramBits() < MIN_SRAM_BITS) {
                throw new IllegalArgumentException("CoreSram: the DMA's sramBits is " + dma.sramBits() + ", but spaces 0..4 at bit "
                        + SPACE_LSB + " need at least " + MIN_SRAM_BITS + "; set sramBits to " + MIN_SRAM_BITS);
            }
            for (ElementSpace s : ElementSpace.of(core)) {
                if (s.bytes() < dma.busBytes()) {
                    throw new IllegalArgumentException("CoreSram: the " + s.space().tag() + " memory holds " + s.bytes()
                            + " bytes, less than one " + dma.busBytes() + "-byte bus word; deepen it or narrow the bus");
                }
            }
        }

        /** The four memories. */
        public List<ElementSpace> spaces() {
            return ElementSpace.of(core);
        }
    }

    /** The read-response pipeline: what the previous cycle read. */
    private record Piece(Bool valid, UInt space, UInt sub, UInt wlo, UInt asm) { }

    /** What one memory's side tells the rest. */
    private record Side(Bool blocked, Bool readTaken, Bool readLast, Bool partial, Bool mapped, Bool lineStep, Bool lineLast,
                        UInt merged) { }

    /** Elaborates the router. */
    public static Circuit elaborate(Params p) {
        return Elaborator.elaborate(CoreSram.class, p);
    }

    /** Builds the router. */
    public CoreSram(Params p) {
        DmaConfig d = p.dma();
        CoreConfig c = p.core();
        name("CoreSram_" + c.tag() + "_a" + c.aDepth() + "_w" + c.wDepth() + "_c" + c.cDepth() + "_v" + c.vDepth()
                + "_d" + d.dataBits() + "_s" + d.sramBits());
        int bus = d.busBytes();
        int wb = d.sramWordBits();
        int offBits = SPACE_LSB - d.wordShift();
        Bool valid = input("sram_req_valid", Bool());
        Bool ready = output("sram_req_ready", Bool());
        Bool write = input("sram_req_write", Bool());
        UInt addr = input("sram_req_addr", UInt(wb));
        UInt wdata = input("sram_req_wdata", UInt(d.dataBits()));
        UInt mask = input("sram_req_mask", UInt(bus));
        UInt space = named("space", addr.slice(wb - 1, offBits));
        UInt woff = named("word_offset", addr.slice(offBits - 1, 0));

        // ---- the line counter of a bus word that covers several word lines
        int maxLines = 1;
        int wloBits = 0;
        for (ElementSpace s : p.spaces()) {
            maxLines = Math.max(maxLines, s.linesPerBusWord(bus));
            wloBits = Math.max(wloBits, log2(s.busWordsPerLine(bus)));
        }
        int subBits = Types.bitsFor(maxLines);
        UInt sub = maxLines > 1 ? reg("sub", UInt(subBits), 0) : uint(0, 1);
        UInt curAddr = maxLines > 1 ? reg("cur_addr", UInt(wb), 0) : null;
        Bool curWrite = maxLines > 1 ? reg("cur_write", Bool(), 0) : null;
        UInt subEff = maxLines > 1
                ? named("sub_eff", Hw.mux(addr.eq(curAddr).and(write.eq(curWrite)), sub, uint(0, subBits))) : sub;

        // ---- what the previous cycle read (data arrives now on mp_<s>_rdata)
        Piece piece = new Piece(reg("p_valid", Bool(), 0), reg("p_space", UInt(2), 0),
                maxLines > 1 ? reg("p_sub", UInt(subBits), 0) : null, wloBits > 0 ? reg("p_wlo", UInt(wloBits), 0) : null,
                maxLines > 1 ? reg("asm", UInt(d.dataBits()), 0) : null);

        List<Side> sides = new ArrayList<>();
        for (ElementSpace s : p.spaces()) {
            sides.add(side(s, bus, valid.and(space.eq(s.space().ordinal())), write, woff, wdata, mask,
                    subEff, piece));
        }

        // ---- space 4: the instruction stream's words go on at once
        Bool insnWrite = named("insn_write", valid.and(write).and(space.eq(INSN_SPACE)));
        output("insn_wr_valid", Bool()).set(insnWrite);
        output("insn_wr_addr", UInt(offBits)).set(woff);
        output("insn_wr_data", UInt(d.dataBits())).set(wdata);
        output("insn_wr_mask", UInt(bus)).set(mask);

        // ---- taking the request
        Bool blocked = bool(false);
        Bool mapped = insnWrite;
        Bool readTaken = bool(false);
        Bool readLast = bool(false);
        Bool partial = bool(false);
        for (Side s : sides) {
            blocked = blocked.or(s.blocked());
            mapped = mapped.or(s.mapped());
            readTaken = readTaken.or(s.readTaken());
            readLast = readLast.or(s.readLast());
            partial = partial.or(s.partial());
        }
        ready.set(blocked.not());
        Bool dropped = named("dropped", valid.and(mapped.not()));
        Bool droppedRead = dropped.and(write.not());
        Bool accept = named("accept", valid.and(blocked.not()));

        if (maxLines > 1) {
            Bool step = bool(false);
            Bool lastLine = bool(false);
            for (Side s : sides) {
                step = step.or(s.lineStep());
                lastLine = lastLine.or(s.lineLast());
            }
            UInt subNext = Hw.mux(lastLine, uint(0, subBits), subEff.addWrap(1));
            when(step, () -> {
                sub.set(subNext);
                curAddr.set(addr);
                curWrite.set(write);
            });
        }

        // ---- read responses, in order, two cycles after the read is taken
        piece.valid().set(readTaken.or(droppedRead));
        Bool pLast = reg("p_last", Bool(), 0);
        Bool pZero = reg("p_zero", Bool(), 0);
        pLast.set(readLast.or(droppedRead));
        pZero.set(droppedRead);
        piece.space().set(space.slice(1, 0));
        if (piece.wlo() != null) {
            piece.wlo().set(woff.slice(wloBits - 1, 0));
        }
        if (piece.sub() != null) {
            piece.sub().set(subEff);
        }
        List<UInt> merged = new ArrayList<>();
        for (Side s : sides) {
            merged.add(s.merged());
        }
        UInt word = named("rsp_word", Hw.mux(pZero, uint(0, d.dataBits()), Vec.of(merged).get(piece.space())));
        if (piece.asm() != null) {
            // only the lines before a multi-line word's last are kept (a one-line read keeps nothing)
            when(piece.valid().and(pLast.not()), () -> piece.asm().set(word));
        }
        Bool rspValid = reg("rsp_valid_q", Bool(), 0);
        UInt rspData = reg("rsp_data_q", UInt(d.dataBits()), 0);
        rspValid.set(piece.valid().and(pLast));
        when(piece.valid().and(pLast), () -> rspData.set(word));
        output("sram_rsp_valid", Bool()).set(rspValid);
        output("sram_rsp_data", UInt(d.dataBits())).set(rspData);

        // ---- errors
        Bool clear = input("err_clear", Bool());
        sticky("err_partial", clear, accept.and(write).and(partial));
        sticky("err_range", clear, accept.and(dropped));
    }

    private void sticky(String name, Bool clear, Bool set) {
        Bool q = reg(name + "_q", Bool(), 0);
        when(clear, () -> q.set(false)).elseWhen(set, () -> q.set(true));
        output(name, Bool()).set(q);
    }

    /** One memory's element port: which banks this cycle's request drives, and its read word. */
    private Side side(ElementSpace s, int bus, Bool hit, Bool write, UInt woff, UInt wdata, UInt mask, UInt subEff,
                      Piece piece) {
        String pre = s.prefix();
        int n = s.perBusWord(bus);
        int k = s.linesPerBusWord(bus);
        int g = s.busWordsPerLine(bus);
        int ew = s.elementBits();
        int eb = s.elementBytes();
        int banks = s.banks();
        int aw = s.addrBits();
        Bool inRange = named(pre + "_in_range", woff.lt(s.bytes() / bus));
        Bool go = named(pre + "_go", hit.and(inRange));
        Bool memReady = input(pre + "_ready", Bool());
        UInt we = output(pre + "_we", UInt(banks));
        UInt re = output(pre + "_re", UInt(banks));
        Vec<UInt> addrOut = output(pre + "_addr", Vec(UInt(aw), banks));
        Vec<UInt> wdOut = output(pre + "_wdata", Vec(UInt(ew), banks));
        Vec<UInt> rd = input(pre + "_rdata", Vec(UInt(ew), banks));

        // element i of the bus word: enabled whole, or partly (an error)
        List<Bool> full = new ArrayList<>();
        Bool partial = bool(false);
        for (int i = 0; i < n; i++) {
            UInt m = mask.slice(i * eb + eb - 1, i * eb);
            full.add(m.andR());
            if (eb > 1) {
                partial = partial.or(m.orR().and(m.andR().not()));
            }
        }
        List<Bool> weBits = new ArrayList<>();
        List<Bool> reBits = new ArrayList<>();
        Bool wr = go.and(write);
        Bool rdReq = go.and(write.not());
        UInt line;
        Bool last;
        UInt merged;
        if (k == 1) {
            // a bus word is part of one line: banks [wlo·n, wlo·n + n) at line woff / g
            int gBits = log2(g);
            line = woff.slice(gBits + aw - 1, gBits);
            UInt wlo = g > 1 ? woff.slice(gBits - 1, 0) : null;
            for (int j = 0; j < banks; j++) {
                Bool sel = wlo == null ? bool(true) : wlo.eq(j / n);
                int i = j % n;
                weBits.add(wr.and(sel).and(full.get(i)));
                reBits.add(rdReq.and(sel));
                wdOut.get(j).set(wdata.slice(i * ew + ew - 1, i * ew));
            }
            last = bool(true);
            List<UInt> elems = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                List<UInt> cands = new ArrayList<>();
                for (int gg = 0; gg < g; gg++) {
                    cands.add(rd.get(gg * n + i));
                }
                elems.add(g == 1 ? cands.get(0) : Vec.of(cands).get(piece.wlo().slice(gBits - 1, 0)));
            }
            Collections.reverse(elems);
            merged = named(pre + "_rsp", Hw.cat(elems));
        } else {
            // a bus word is k whole lines, line q of it (elements q·banks ..) in cycle q
            int kBits = log2(k);
            UInt subK = subEff.slice(kBits - 1, 0);
            line = aw > kBits ? woff.slice(aw - kBits - 1, 0).cat(subK) : subK;
            for (int j = 0; j < banks; j++) {
                List<UInt> data = new ArrayList<>();
                List<Bool> on = new ArrayList<>();
                for (int q = 0; q < k; q++) {
                    int i = q * banks + j;
                    data.add(wdata.slice(i * ew + ew - 1, i * ew));
                    on.add(full.get(i));
                }
                weBits.add(wr.and(Vec.of(on).get(subK)));
                reBits.add(rdReq);
                wdOut.get(j).set(Vec.of(data).get(subK));
            }
            last = named(pre + "_last_line", subEff.eq(k - 1));
            List<UInt> lineData = new ArrayList<>(rd.elements());
            Collections.reverse(lineData);
            UInt got = Hw.cat(lineData);
            int pw = got.width();
            UInt pSub = piece.sub().slice(kBits - 1, 0);
            List<UInt> parts = new ArrayList<>();
            for (int q = k - 1; q >= 0; q--) {
                parts.add(Hw.mux(pSub.eq(q), got, piece.asm().slice((q + 1) * pw - 1, q * pw)));
            }
            merged = named(pre + "_rsp", Hw.cat(parts));
        }
        for (int j = 0; j < banks; j++) {
            addrOut.get(j).set(line);
        }
        Collections.reverse(weBits);
        Collections.reverse(reBits);
        we.set(Hw.cat(weBits));
        re.set(Hw.cat(reBits));
        Bool take = named(pre + "_take", go.and(memReady));
        Bool blocked = named(pre + "_blocked", go.and(memReady.and(last).not()));
        Bool multi = bool(k > 1);
        return new Side(blocked, take.and(write.not()), take.and(last).and(write.not()), hit.and(partial), go,
                take.and(multi), take.and(last).and(multi), merged);
    }

    private static int log2(int n) {
        return Integer.numberOfTrailingZeros(n);
    }
}
