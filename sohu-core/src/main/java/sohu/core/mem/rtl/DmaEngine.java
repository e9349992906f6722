package sohu.core.mem.rtl;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.Stream;
import static sohu.hdl.Types.UInt;

import java.util.List;
import sohu.core.mem.DmaDescriptor;
import sohu.core.mem.DmaFormat;
import sohu.core.mem.DmaStatus;
import sohu.hdl.Bool;
import sohu.hdl.Bundle;
import sohu.hdl.Hw;
import sohu.hdl.Mem;
import sohu.hdl.Module;
import sohu.hdl.Stream;
import sohu.hdl.Types;
import sohu.hdl.UInt;
import sohu.hdl.Vec;
import sohu.hdl.lib.Axi4;
import sohu.hdl.lib.Streams;

/**
 * The DMA engine: moves {@link DmaDescriptor}s between HBM (an AXI4 master port) and the on-chip
 * SRAM (a generic memory port), or from HBM to HBM through its read buffer, and reports each
 * descriptor's {@link DmaStatus} on a completion stream.
 *
 * <h2>Ports</h2>
 * <ul>
 *   <li>{@code desc_*}: descriptors in ({@link DmaFormat#descriptor()}, ready/valid).</li>
 *   <li>{@code done_*}: completions out ({@link DmaFormat#status()}: tag and
 *       {@link DmaStatus.Code} ordinal), one per descriptor, in descriptor order except that a
 *       rejected descriptor's completion may overtake the ones still moving.</li>
 *   <li>{@code m_axi_*}: a full AXI4 master ({@link Axi4#full}). Every burst is INCR, of full bus
 *       words ({@code axsize} = log2 of the bus bytes), starts at a bus-aligned address, has at most
 *       {@code maxBurst} beats and never crosses a 4 KiB boundary; unaligned starts and ends of
 *       rows are written with partial {@code wstrb}. Read bursts use {@link DmaConfig#readIds()}
 *       IDs in turn, so their data may return in any order across IDs (each burst's beats land at
 *       the buffer slots reserved for it at issue; the data leaves the buffer in order); write
 *       bursts use ID 0, so their responses return in issue order. At most {@code readBursts}
 *       read bursts are in flight (one per entry of {@link ReadBursts}, freed in issue order once
 *       the burst and every older one are back) and at most {@code writeBursts} write bursts.
 *       {@code rready} and {@code bready} are high whenever the
 *       engine has room (read bursts are issued only with buffer space reserved for all their
 *       beats, so {@code rready} is always high).</li>
 *   <li>{@code sram_*}: the SRAM port, one request per cycle. A request is {@code sram_req_valid}
 *       with {@code sram_req_write}, {@code sram_req_addr} (a bus-word address:
 *       SRAM byte address / bus bytes), and for writes {@code sram_req_wdata} and
 *       {@code sram_req_mask} (bit {@code k} enables byte {@code k}, the byte at byte address
 *       {@code addr·B + k}); it is taken in a cycle where {@code sram_req_ready} is high. Each read
 *       returns its word on {@code sram_rsp_data} with {@code sram_rsp_valid}, any number of
 *       cycles later, in request order; the engine always accepts it.</li>
 * </ul>
 *
 * <h2>Descriptors</h2>
 * Row {@code r} of a descriptor moves {@code bytesPerRow} bytes from {@code src + r·srcStride} to
 * {@code dst + r·dstStride}. A descriptor with zero rows or bytes gets {@code BAD_LENGTH}, one
 * whose source or destination extends past its space ({@code 2^addrBits} bytes of HBM,
 * {@code 2^sramBits} of SRAM) or with direction 3 gets {@code BAD_RANGE}, one whose destination
 * rows overlap ({@code rows > 1} and {@code dstStride < bytesPerRow}) gets {@code BAD_STRIDE}; none
 * of them moves a byte. A read error (RRESP SLVERR or DECERR) abandons the rest of its descriptor:
 * no further read burst of it is issued; the bursts already in flight complete, and the rest of
 * the descriptor's words are made up inside the engine as poisoned words, so no later byte is
 * written (strobes and masks zero) and, for an HBM destination, no further write burst of it is
 * issued once those in flight have their responses. A write error (BRESP SLVERR or DECERR)
 * likewise stops the descriptor's write bursts after the ones in flight. The completion carries
 * the first error (a read error before a write error), and the engine takes the next descriptor.
 * Bytes a failed descriptor had written before the error stay written. Several descriptors are
 * in flight at once (reads of the next overlap writes of the previous); their effects on memory are
 * not ordered against each other, so a descriptor that reads what an earlier one writes must wait
 * for the earlier completion.
 */
public final class DmaEngine extends Module {
    /** Bits of the descriptor numbers that tell the reader's and writer's descriptors apart from older ones. */
    private static final int SEQ_BITS = 8;
    private final DmaConfig c;

    /** Builds the engine. */
    public DmaEngine(DmaConfig c) {
        this.c = c;
        name(c.moduleName());
        int shift = c.wordShift();
        int bytes = c.busBytes();
        Stream<Bundle> descIn = streamIn("desc", DmaFormat.descriptor());
        Stream<Bundle> done = streamOut("done", DmaFormat.status());
        Bundle axi = output("m_axi", Axi4.full(c.idBits(), c.addrBits(), c.dataBits()));
        Bool sramReqValid = output("sram_req_valid", Bool());
        Bool sramReqReady = input("sram_req_ready", Bool());
        Bool sramReqWrite = output("sram_req_write", Bool());
        UInt sramReqAddr = output("sram_req_addr", UInt(c.sramWordBits()));
        UInt sramReqWdata = output("sram_req_wdata", UInt(c.dataBits()));
        UInt sramReqMask = output("sram_req_mask", UInt(bytes));
        Bool sramRspValid = input("sram_rsp_valid", Bool());
        UInt sramRspData = input("sram_rsp_data", UInt(c.dataBits()));

        // ---- dispatch: check, then hand the descriptor to the reader, the realigner and the writer
        Stream<Bundle> d = Streams.skid("desc_in", descIn);
        UInt badCode = named("bad_code", check(d.payload()));
        Bool ok = badCode.eq(0);
        Stream<Bundle> good = wire("good", Stream(DmaFormat.descriptor()));
        Stream<Bundle> bad = wire("bad", Stream(DmaFormat.status()));
        good.valid().set(d.valid().and(ok));
        good.payload().set(d.payload());
        bad.valid().set(d.valid().and(ok.not()));
        bad.payload().uint("tag").set(d.payload().uint("tag"));
        bad.payload().uint("code").set(badCode);
        d.ready().set(Hw.mux(ok, good.ready(), bad.ready()));
        Vec<Stream<Bundle>> forks = Streams.fork("dispatch", good, 3);

        // ---- reader: bursts from HBM (AR) or words from SRAM, each with buffer space reserved
        UInt rdMax = wire("rd_max_len", UInt(9));
        BurstWalker rw = new BurstWalker("rd", Streams.queue("rd_q", forks.get(0), 4), true, shift, rdMax);
        Bool srcSram = named("src_sram", rw.direction.eq(DmaDescriptor.Direction.SRAM_TO_HBM.ordinal()));
        rdMax.set(Hw.mux(srcSram, uint(1, 9), uint(c.maxBurst(), 9)));
        int freeBits = Math.max(Types.bitsFor(c.bufferBeats() + 1L), 9); // at least as wide as a burst length
        UInt free = reg("buf_free", UInt(freeBits), c.bufferBeats());
        UInt sramRdOut = reg("sram_rd_outstanding", UInt(freeBits), 0);
        Bool space = named("rd_space", free.ge(rw.beats.zext(Math.max(freeBits, 9))));
        // An abandoned descriptor's remaining bursts are not issued: once the bursts in flight are
        // back, each is filled locally with poisoned words, so the realigner and writer see every beat.
        UInt rdSeq = reg("rd_seq", UInt(SEQ_BITS), 0);
        Bool rdAbandon = reg("rd_abandon", Bool(), 0);
        UInt rdAbandonCode = reg("rd_abandon_code", UInt(2), 0);
        UInt fill = reg("rd_fill", UInt(9), 0);
        Bool fillIdle = named("rd_fill_idle", fill.eq(0));
        Bool rFire = named("r_fire", axi.bool("rvalid"));
        axi.bool("rready").set(true);
        int pw = Types.bitsFor(c.bufferBeats());
        ReadBursts rb = new ReadBursts("rd_burst", c, pw + 1, SEQ_BITS, rFire, axi.uint("rid"), axi.bool("rlast"));
        Bool rdIdle = rb.pending.not();
        Bool arValid = named("ar_valid", rw.valid.and(srcSram.not()).and(space).and(rdAbandon.not()).and(fillIdle)
                .and(rb.canIssue).and(sramRdOut.eq(0)));
        Bool sramRdWant = named("sram_rd_want", rw.valid.and(srcSram).and(space).and(rdIdle).and(fillIdle));
        Bool rdSkip = named("rd_skip", rw.valid.and(rdAbandon).and(space).and(rdIdle).and(sramRdOut.eq(0)).and(fillIdle));
        axi.bool("arvalid").set(arValid);
        axi.uint("arid").set(rb.id);
        axi.uint("araddr").set(rw.addr.truncate(c.addrBits()));
        axi.uint("arlen").set(rw.beats.subWrap(1).truncate(8));
        constants(axi, "ar", shift);
        Bool arFire = named("ar_fire", arValid.and(axi.bool("arready")));

        // ---- the read buffer: a ring whose slots are reserved in order (an AXI burst's at its
        // issue, at the tail) and written as the words come (a burst's beats at their slots, out of
        // order across bursts; SRAM words and made-up words in order at the tail), read in order
        // from the head up to the first slot not yet written, through a registered output
        Mem buf = mem("rdbuf", c.dataBits() + 2, c.bufferBeats());
        UInt tail = reg("buf_tail", UInt(pw + 1), 0);
        UInt head = reg("buf_head", UInt(pw + 1), 0);
        UInt shown = reg("buf_shown", UInt(pw), 0);
        rb.issueWhen(arFire, tail, rw.beats, rdSeq);
        UInt landed = named("buf_landed", Hw.mux(rb.pending, rb.landed, tail));
        Bool outValid = reg("rdbuf_shown_valid", Bool(), 0);
        Stream<UInt> bufOut = wire("buf_out", Stream(UInt(c.dataBits() + 2)));
        UInt rresp = axi.uint("rresp");
        UInt rCode = Hw.mux(rresp.bit(1), rresp, uint(0, 2));
        Bool fillPush = fillIdle.not();
        Bool inOrderPush = sramRspValid.or(fillPush);
        UInt pushWord = Hw.mux(rFire, rCode.cat(axi.uint("rdata")),
                Hw.mux(fillPush, rdAbandonCode.cat(uint(0, c.dataBits())), uint(0, 2).cat(sramRspData)));
        when(rFire.or(inOrderPush), () -> buf.write(Hw.mux(rFire, rb.beatSlot, tail).truncate(pw), pushWord));
        tail.set(tail.addWrap(Hw.mux(arFire, rw.beats.resize(pw + 1), inOrderPush.zext(pw + 1))));
        Bool bufPop = named("buf_pop", bufOut.fire());
        Bool bufAdvance = named("buf_advance", landed.ne(head).and(outValid.not().or(bufOut.ready())));
        bufOut.payload().set(buf.read(Hw.mux(bufAdvance, head.truncate(pw), shown)));
        bufOut.valid().set(outValid);
        when(bufAdvance, () -> {
            head.set(head.addWrap(1));
            shown.set(head.truncate(pw));
            outValid.set(true);
        }).elseWhen(bufPop, () -> outValid.set(false));

        // ---- realigner: source words to destination words with strobes
        Stream<UInt> beat = Streams.skid("beat", Realigner.build("align", Streams.queue("align_q", forks.get(1), 4),
                bufOut, c.dataBits()));
        UInt bw = beat.payload();
        int db = c.dataBits();
        UInt beatData = bw.slice(db - 1, 0);
        UInt beatStrb = bw.slice(db + bytes - 1, db);
        UInt beatTag = bw.slice(db + bytes + 7, db + bytes);
        UInt beatCode = bw.slice(db + bytes + 9, db + bytes + 8);
        Bool beatLast = bw.bit(db + bytes + 10);
        Bool beatSram = bw.bit(db + bytes + 11);

        // ---- writer: AW bursts to HBM and their W beats, or word writes to SRAM
        UInt wrMax = wire("wr_max_len", UInt(9));
        BurstWalker ww = new BurstWalker("wr", Streams.queue("wr_q", forks.get(2), 4), false, shift, wrMax);
        Bool dstSram = named("dst_sram", ww.direction.eq(DmaDescriptor.Direction.HBM_TO_SRAM.ordinal()));
        wrMax.set(Hw.mux(dstSram, uint(1, 9), uint(c.maxBurst(), 9)));
        UInt wrOut = reg("wr_outstanding", UInt(Types.bitsFor(c.writeBursts() + 1L)), 0);
        Stream<UInt> wlenIn = wire("wlen_in", Stream(UInt(8)));
        Stream<UInt> btrackIn = wire("btrack_in", Stream(UInt(1 + SEQ_BITS)));
        UInt wrSeq = reg("wr_seq", UInt(SEQ_BITS), 0);
        Bool wrAbandon = reg("wr_abandon", Bool(), 0);
        UInt drop = reg("w_drop", UInt(9), 0);
        Bool dropIdle = named("w_drop_idle", drop.eq(0));
        Bool awValid = named("aw_valid", ww.valid.and(dstSram.not()).and(wrOut.lt(c.writeBursts())).and(wrAbandon.not())
                .and(wlenIn.ready()).and(btrackIn.ready()));
        axi.bool("awvalid").set(awValid);
        axi.uint("awid").set(0);
        axi.uint("awaddr").set(ww.addr.truncate(c.addrBits()));
        axi.uint("awlen").set(ww.beats.subWrap(1).truncate(8));
        constants(axi, "aw", shift);
        Bool awFire = named("aw_fire", awValid.and(axi.bool("awready")));
        wlenIn.valid().set(awFire);
        wlenIn.payload().set(ww.beats.subWrap(1).truncate(8));
        btrackIn.valid().set(awFire);
        btrackIn.payload().set(wrSeq.cat(ww.lastOfDesc));
        Stream<UInt> wlen = Streams.queue("wlen_q", wlenIn, c.writeBursts());
        Stream<UInt> btrack = Streams.queue("btrack_q", btrackIn, c.writeBursts());

        Stream<UInt> doneIn = wire("done_info_in", Stream(UInt(1 + 2 + DmaFormat.TAG_BITS)));
        Bool roomForDone = beatLast.not().or(doneIn.ready());
        UInt wcount = reg("w_count", UInt(8), 0);
        Bool wlast = named("w_last", wcount.eq(wlen.payload()));
        Bool wValid = named("w_valid", beat.valid().and(beatSram.not()).and(wlen.valid()).and(roomForDone).and(dropIdle));
        axi.bool("wvalid").set(wValid);
        axi.uint("wdata").set(beatData);
        axi.uint("wstrb").set(beatStrb);
        axi.bool("wlast").set(wlast);
        Bool wFire = named("w_fire", wValid.and(axi.bool("wready")));
        when(wFire, () -> wcount.set(Hw.mux(wlast, uint(0, 8), wcount.addWrap(1))));
        wlen.ready().set(wFire.and(wlast));

        Bool sramWrWant = named("sram_wr_want", ww.valid.and(dstSram).and(beat.valid()).and(beatSram).and(roomForDone).and(dropIdle));
        // An abandoned descriptor's remaining write bursts are not issued: once the bursts in flight
        // have their responses, each burst's beats are dropped instead.
        Stream<UInt> bDoneIn = wire("b_done_in", Stream(UInt(2)));
        Bool wrSkip = named("wr_skip", ww.valid.and(wrAbandon).and(wrOut.eq(0)).and(wlen.valid().not()).and(dropIdle)
                .and(ww.lastOfDesc.not().or(bDoneIn.ready())));
        Bool beatDrop = named("beat_drop", dropIdle.not().and(beat.valid()).and(roomForDone));
        Bool sramWrFire = named("sram_wr_fire", sramWrWant.and(sramReqReady));
        Bool sramRdFire = named("sram_rd_fire", sramRdWant.and(sramWrWant.not()).and(sramReqReady));
        ww.advanceWhen(awFire.or(sramWrFire).or(wrSkip));
        rw.advanceWhen(arFire.or(sramRdFire).or(rdSkip));
        beat.ready().set(wFire.or(sramWrFire).or(beatDrop));
        drop.set(Hw.mux(wrSkip, ww.beats.zext(9), Hw.mux(beatDrop, drop.subWrap(1), drop)));

        doneIn.valid().set(beat.fire().and(beatLast));
        doneIn.payload().set(Hw.cat(beatSram, beatCode, beatTag));
        Stream<UInt> doneInfo = Streams.queue("done_info_q", doneIn, 4);

        sramReqValid.set(sramWrWant.or(sramRdWant));
        sramReqWrite.set(sramWrWant);
        sramReqAddr.set(Hw.mux(sramWrWant, ww.addr, rw.addr).shr(shift).truncate(c.sramWordBits()));
        sramReqWdata.set(beatData);
        sramReqMask.set(beatStrb);

        // ---- counters of what is in flight, and the read credit
        UInt reserve = Hw.mux(arFire.or(sramRdFire).or(rdSkip), rw.beats.zext(freeBits), uint(0, freeBits));
        free.set(free.subWrap(reserve).addWrap(bufPop.zext(freeBits)));
        sramRdOut.set(sramRdOut.addWrap(sramRdFire.zext(freeBits)).subWrap(sramRspValid.zext(freeBits)));

        // ---- write responses: a sticky code per descriptor, released with its last burst
        axi.bool("bready").set(bDoneIn.ready());
        Bool bFire = named("b_fire", axi.bool("bvalid").and(bDoneIn.ready()));
        btrack.ready().set(bFire);
        UInt bresp = axi.uint("bresp");
        UInt bSticky = reg("b_sticky", UInt(2), 0);
        UInt bCode = Hw.mux(bSticky.ne(0), bSticky, Hw.mux(bresp.bit(1), bresp, uint(0, 2)));
        Bool bLastOfDesc = btrack.payload().bit(0);
        UInt bSeq = btrack.payload().slice(SEQ_BITS, 1);
        when(bFire, () -> bSticky.set(Hw.mux(bLastOfDesc, uint(0, 2), bCode)))
                .elseWhen(wrSkip.and(ww.lastOfDesc), () -> bSticky.set(0));
        bDoneIn.valid().set(bFire.and(bLastOfDesc).or(wrSkip.and(ww.lastOfDesc)));
        bDoneIn.payload().set(Hw.mux(bFire, bCode, bSticky));
        Bool wrNextDesc = named("wr_next_desc", awFire.or(sramWrFire).or(wrSkip).and(ww.lastOfDesc));
        UInt beatSeq = reg("beat_seq", UInt(SEQ_BITS), 0);
        when(beat.fire().and(beatLast), () -> beatSeq.set(beatSeq.addWrap(1)));
        Bool writeError = bFire.and(bresp.bit(1)).and(bSeq.eq(wrSeq));
        Bool poisonedBeat = beat.valid().and(beatSram.not()).and(beatCode.ne(0)).and(beatSeq.eq(wrSeq));
        when(wrNextDesc, () -> {
            wrSeq.set(wrSeq.addWrap(1));
            wrAbandon.set(false);
        }).elseWhen(writeError.or(poisonedBeat), () -> wrAbandon.set(true));

        // the reader's side of abandoning: a read error of the descriptor it walks, or a write error
        // of it (the data is no longer needed: made-up words of code 0, which the writer drops)
        Bool rdNextDesc = named("rd_next_desc", arFire.or(sramRdFire).or(rdSkip).and(rw.lastOfDesc));
        when(rdNextDesc, () -> {
            rdSeq.set(rdSeq.addWrap(1));
            rdAbandon.set(false);
        }).elseWhen(rFire.and(rCode.ne(0)).and(rb.beatSeq.eq(rdSeq)), () -> {
            rdAbandon.set(true);
            rdAbandonCode.set(rCode);
        }).elseWhen(writeError.and(bSeq.eq(rdSeq)).and(rdAbandon.not()), () -> {
            rdAbandon.set(true);
            rdAbandonCode.set(0);
        });
        fill.set(Hw.mux(rdSkip, rw.beats.zext(9), Hw.mux(fillPush, fill.subWrap(1), fill)));
        Stream<UInt> bDone = Streams.queue("b_done_q", bDoneIn, 4);
        wrOut.set(wrOut.addWrap(awFire.zext(wrOut.width())).subWrap(bFire.zext(wrOut.width())));

        // ---- completions
        Bool infoSram = doneInfo.payload().bit(10);
        UInt infoCode = doneInfo.payload().slice(9, 8);
        Stream<Bundle> comp = wire("comp", Stream(DmaFormat.status()));
        comp.valid().set(doneInfo.valid().and(infoSram.or(bDone.valid())));
        comp.payload().uint("tag").set(doneInfo.payload().slice(7, 0));
        UInt readCode = Hw.mux(infoCode.eq(2), code(DmaStatus.Code.READ_SLVERR), code(DmaStatus.Code.READ_DECERR));
        UInt writeCode = Hw.mux(bDone.payload().eq(2), code(DmaStatus.Code.WRITE_SLVERR),
                Hw.mux(bDone.payload().eq(3), code(DmaStatus.Code.WRITE_DECERR), code(DmaStatus.Code.OK)));
        comp.payload().uint("code").set(Hw.mux(infoCode.ne(0), readCode, Hw.mux(infoSram, code(DmaStatus.Code.OK), writeCode)));
        doneInfo.ready().set(comp.fire());
        bDone.ready().set(comp.fire().and(infoSram.not()));
        done.set(Streams.queue("done_q", Streams.arbiter("done_arb", List.of(comp, bad)), 2));
    }

    /** The rejection code of a descriptor, or OK. */
    private UInt check(Bundle d) {
        UInt rows = d.uint("rows");
        UInt rowBytes = d.uint("bytesPerRow");
        UInt dir = d.uint("direction");
        Bool badLength = rows.eq(0).or(rowBytes.eq(0));
        Bool srcSram = dir.eq(DmaDescriptor.Direction.SRAM_TO_HBM.ordinal());
        Bool dstSram = dir.eq(DmaDescriptor.Direction.HBM_TO_SRAM.ordinal());
        Bool badRange = dir.eq(3)
                .or(beyond("src_end", d.uint("src"), d.uint("srcStride"), rows, rowBytes, srcSram))
                .or(beyond("dst_end", d.uint("dst"), d.uint("dstStride"), rows, rowBytes, dstSram));
        Bool badStride = rows.gt(1).and(d.uint("dstStride").lt(rowBytes.zext(DmaFormat.ADDR_BITS)));
        return Hw.mux(badLength, code(DmaStatus.Code.BAD_LENGTH),
                Hw.mux(badRange, code(DmaStatus.Code.BAD_RANGE),
                        Hw.mux(badStride, code(DmaStatus.Code.BAD_STRIDE), code(DmaStatus.Code.OK))));
    }

    /** Whether the last byte of a side lies beyond its space. */
    private Bool beyond(String name, UInt start, UInt stride, UInt rows, UInt rowBytes, Bool sram) {
        int w = DmaFormat.ADDR_BITS + DmaFormat.ROWS_BITS + 2;
        UInt span = named(name + "_rows_m1", rows.subWrap(1)).mul(stride).zext(w); // named: the product must see a 16-bit operand
        UInt end = named(name, start.zext(w).addWrap(span).addWrap(rowBytes.zext(w)));
        return Hw.mux(sram, end.gt(1L << c.sramBits()), end.gt(1L << c.addrBits()));
    }

    private UInt code(DmaStatus.Code code) {
        return uint(code.ordinal(), DmaFormat.CODE_BITS);
    }

    private static void constants(Bundle axi, String ch, int shift) {
        axi.uint(ch + "size").set(shift);
        axi.uint(ch + "burst").set(1);
        axi.bool(ch + "lock").set(false);
        axi.uint(ch + "cache").set(0);
        axi.uint(ch + "prot").set(0);
        axi.uint(ch + "qos").set(0);
    }
}
