package sohu.core.array;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.UInt;

import sohu.hdl.Bool;
import sohu.hdl.Hw;
import sohu.hdl.Module;
import sohu.hdl.Types;
import sohu.hdl.UInt;

/**
 * The matrix engine's controller: checks a command, then walks the weight tiles (N tiles outer,
 * K tiles inner) with two cooperating processes, and counts where the cycles go.
 *
 * <h2>Processes (all times in the frame of array row 0 / column 0)</h2>
 * <ul>
 *   <li><b>Weight loader</b>: reads the R rows of tile l from the weight banks, bottom row first,
 *       one per cycle ({@code wl_*}); the data shifts into buffer {@code l mod 2}. It may start
 *       tile l once tile l-1 has started streaming, and (for l ≥ 2) {@code ·L} cycles after
 *       that start, when the bottom row has made its last use of tile l-2's weights in the same
 *       buffer. Tile l is ready R cycles after its first read.</li>
 *   <li><b>Streamer</b>: issues the M activation rows of a tile on consecutive cycles
 *       ({@code iss_*}), with the accumulator read for the top of each column and the write-back
 *       address. It starts a tile when its weights are ready and, for K tiles after the first,
 *       at least {@code R·L + 2} cycles after the previous tile started (the partial sums it reads
 *       back must have been written).</li>
 * </ul>
 * Both start a tile in the same cycle their conditions hold, so back-to-back tiles leave no gap.
 * The last result of a command is written {@code R·L + C} cycles after its last row.
 *
 * <h2>Commands back to back</h2>
 * The cycle after a command's last row the controller is ready ({@code status_ready}) and takes the
 * next command while the previous one drains: its check and first weight load overlap the drain,
 * the weight buffers and the tile clocks run on from the previous command's tiles (so its first
 * load waits for the buffer as a next tile would), and if it accumulates, its first tile waits
 * {@code R·L + 2} cycles from the previous command's last tile start (same accumulator base and
 * stride: row m reads what row m wrote) or from its last row (another layout, whose rows any row
 * may alias). Each command retires in order: {@code status_retire} pulses when its last result is
 * written (a rejected command's after the commands still draining). {@code status_busy} is high
 * while a command is checked, issued or draining; {@code status_done} rises when the last command
 * taken retires and stays until the next start.
 *
 * <h2>Counters (cleared by a start while not busy; a run of commands back to back adds up)</h2>
 * Every busy cycle is exactly one of: issue ({@code perf_busy}), fill (before the first issue:
 * command check and first weight load), weight stall (the next tile's weights are not loaded),
 * accumulator stall (weights ready, but the partial sums are not written back yet), drain (after
 * the last issue). {@code perf_macs} counts useful multiply-adds (K×N of the tile per issued row),
 * so edge padding costs {@code perf_busy - perf_macs/(R·C)} cycles.
 */
public final class EngineController extends Module {
    /** Width of the performance counters. */
    public static final int COUNTER_BITS = 48;

    /** The controller's parameters (the array shape, FMA latency and scratchpad depths). */
    public record Params(int rows, int cols, int latency, int aDepth, int wDepth, int cDepth) {
        /** The controller of an engine configuration. */
        public static Params of(ArrayConfig cfg) {
            return new Params(cfg.rows(), cfg.cols(), cfg.latency(), cfg.aDepth(), cfg.wDepth(), cfg.cDepth());
        }
    }

    private static final int IDLE = 0;
    private static final int CHECK1 = 1;
    private static final int CHECK2 = 2;
    private static final int RUN = 3;

    private final int fw = ArrayConfig.FIELD_BITS;
    private final int rows;
    private final int cols;
    private final UInt k;
    private final UInt n;
    private final UInt ktLast;
    private final UInt ntLast;
    private final UInt wStrideTile;

    /** Builds the controller. */
    public EngineController(Params p) {
        final int r = p.rows();
        final int c = p.cols();
        rows = r;
        cols = c;
        final int lat = p.latency();
        final int awa = Integer.numberOfTrailingZeros(p.aDepth());
        final int aww = Integer.numberOfTrailingZeros(p.wDepth());
        final int awc = Integer.numberOfTrailingZeros(p.cDepth());
        final int kvw = Types.bitsFor(r + 1L);
        final int nvw = Types.bitsFor(c + 1L);
        final int accDistance = r * lat + 2;
        final int reuseDistance = (r - 1) * lat;
        final int sinceMax = Math.max(accDistance, reuseDistance);
        final int sw = Types.bitsFor(sinceMax + 1L);
        final int drain = r * lat + c;
        final int cw = COUNTER_BITS;
        name("EngineController_" + r + "x" + c + "_l" + lat + "_a" + p.aDepth() + "_w" + p.wDepth() + "_c" + p.cDepth());

        // ------------------------------------------------------------ ports
        Bool start = input("cmd_start", Bool());
        UInt inM = input("cmd_m", UInt(fw));
        UInt inK = input("cmd_k", UInt(fw));
        UInt inN = input("cmd_n", UInt(fw));
        UInt inABase = input("cmd_a_base", UInt(fw));
        UInt inAStride = input("cmd_a_stride", UInt(fw));
        UInt inWBase = input("cmd_w_base", UInt(fw));
        UInt inWStride = input("cmd_w_stride", UInt(fw));
        UInt inCBase = input("cmd_c_base", UInt(fw));
        UInt inCStride = input("cmd_c_stride", UInt(fw));
        Bool inAcc = input("cmd_accumulate", Bool());

        Bool busyOut = output("status_busy", Bool());
        Bool readyOut = output("status_ready", Bool());
        Bool doneOut = output("status_done", Bool());
        Bool retireOut = output("status_retire", Bool());
        UInt errOut = output("status_error", UInt(3));

        Bool issValid = output("iss_valid", Bool());
        UInt issAAddr = output("iss_a_addr", UInt(awa));
        UInt issKValid = output("iss_kvalid", UInt(kvw));
        Bool issSel = output("iss_sel", Bool());
        Bool issCRe = output("iss_c_re", Bool());
        UInt issCAddr = output("iss_c_addr", UInt(awc));
        Bool issCZero = output("iss_c_zero", Bool());
        UInt issNValid = output("iss_nvalid", UInt(nvw));

        Bool wlShift = output("wl_shift", Bool());
        Bool wlRe = output("wl_re", Bool());
        UInt wlAddrOut = output("wl_addr", UInt(aww));
        Bool wlPad = output("wl_pad", Bool());
        Bool wlBuf = output("wl_buf", Bool());

        UInt perfCycles = output("perf_cycles", UInt(cw));
        UInt perfBusy = output("perf_busy", UInt(cw));
        UInt perfMacs = output("perf_macs", UInt(cw));
        UInt perfFill = output("perf_fill", UInt(cw));
        UInt perfDrain = output("perf_drain", UInt(cw));
        UInt perfStallW = output("perf_stall_weights", UInt(cw));
        UInt perfStallAcc = output("perf_stall_acc", UInt(cw));

        // ------------------------------------------------------------ command and status
        UInt phase = reg("phase", UInt(2), IDLE);
        Bool done = reg("done_q", Bool(), 0);
        Bool retire = reg("retire_q", Bool(), 0);
        // bit j: a command issued its last row j + 1 cycles ago; its last result is written when
        // the bit leaves the top, so several commands may drain at once, in order
        UInt pipe = reg("retire_pipe", UInt(drain), 0);
        Bool inFlight = named("in_flight", pipe.ne(0));
        Bool retiring = named("retiring", pipe.bit(drain - 1));
        UInt err = reg("err_q", UInt(3), 0);
        UInt m = reg("m_q", UInt(fw));
        k = reg("k_q", UInt(fw));
        n = reg("n_q", UInt(fw));
        UInt aBase = reg("a_base_q", UInt(fw));
        UInt aStride = reg("a_stride_q", UInt(fw));
        UInt wBase = reg("w_base_q", UInt(fw));
        UInt wStride = reg("w_stride_q", UInt(fw));
        UInt cBase = reg("c_base_q", UInt(fw));
        UInt cStride = reg("c_stride_q", UInt(fw));
        Bool acc = reg("acc_q", Bool());
        // the previous command's accumulator layout: a command taken while it drains reads the
        // same rows it writes only if it has the same layout (see the hazard below)
        UInt prevCBase = reg("prev_c_base_q", UInt(fw), 0);
        UInt prevCStride = reg("prev_c_stride_q", UInt(fw), 0);
        Bool engineBusy = named("engine_busy", phase.ne(IDLE).or(inFlight));
        busyOut.set(engineBusy);
        readyOut.set(phase.eq(IDLE));
        doneOut.set(done);
        retireOut.set(retire);
        errOut.set(err);

        // Check, stage 1: tile counts (a multiply by a reciprocal) and the products of the range check.
        ktLast = reg("kt_last", UInt(fw));
        ntLast = reg("nt_last", UInt(fw));
        UInt aSpan = reg("a_span", UInt(2 * fw));
        UInt wSpan = reg("w_span", UInt(2 * fw));
        UInt cSpan = reg("c_span", UInt(2 * fw));
        wStrideTile = reg("w_stride_tile", UInt(aww));
        UInt wStrideLast = reg("w_stride_last", UInt(aww));
        UInt mMinus1 = named("m_minus1", m.subWrap(1));
        // Products that are truncated go through full-width wires (see the DSL note in divConst).
        UInt wStrideTimesR = named("w_stride_times_r", wStride.mul(uint(r, Types.bitsFor(r + 1L))));
        UInt wStrideTimesRm1 = named("w_stride_times_rm1", wStride.mul(uint(r - 1, Types.bitsFor(r))));
        UInt kMinus1 = named("k_minus1", k.subWrap(1));
        UInt nMinus1 = named("n_minus1", n.subWrap(1));
        UInt ktLastNext = divConst("kt_last_next", kMinus1, r);
        UInt ntLastNext = divConst("nt_last_next", nMinus1, c);

        // Check, stage 2: the command's faults (from stage 1's registers)
        int ew = 2 * fw + 2;
        Bool zeroSize = named("zero_size", m.eq(0).or(k.eq(0)).or(n.eq(0)));
        Bool badStride = named("bad_stride", aStride.le(ktLast).or(wStride.le(ntLast)).or(cStride.le(ntLast)));
        Bool aOut = named("a_out", aBase.zext(ew).addWrap(aSpan.zext(ew)).addWrap(ktLast.zext(ew)).ge(p.aDepth()));
        Bool wOut = named("w_out", wBase.zext(ew).addWrap(wSpan.zext(ew)).addWrap(ntLast.zext(ew)).ge(p.wDepth()));
        Bool cOut = named("c_out", cBase.zext(ew).addWrap(cSpan.zext(ew)).addWrap(ntLast.zext(ew)).ge(p.cDepth()));
        Bool bad = named("bad", zeroSize.or(badStride).or(aOut).or(wOut).or(cOut));

        // ------------------------------------------------------------ tile iterators
        Iter st = new Iter("st", false, aww);
        Iter wl = new Iter("wl", true, aww);

        // ------------------------------------------------------------ streamer state
        Bool stCont = reg("st_cont", Bool(), 0);
        UInt stRow = reg("st_row", UInt(fw));
        UInt stAAddr = reg("st_a_addr", UInt(awa));
        UInt stCAddr = reg("st_c_addr", UInt(awc));
        UInt stKValid = reg("cur_kvalid_q", UInt(kvw));
        UInt stNValid = reg("cur_nvalid_q", UInt(nvw));
        Bool stSel = reg("cur_sel_q", Bool());
        Bool stZero = reg("cur_zero_q", Bool());
        Bool stLast = reg("cur_last_q", Bool());
        UInt since = reg("since", UInt(sw), sinceMax);
        // cycles since the last command issued its last row (saturating)
        UInt sinceLast = reg("since_last", UInt(Types.bitsFor(accDistance + 1L)), accDistance);
        // this command was taken while an earlier one drained and it reads the accumulators first
        Bool crossHazard = reg("cross_hazard", Bool(), 0);
        Bool startedAny = reg("started_any", Bool(), 0);

        // ------------------------------------------------------------ weight loader state
        Bool wlActive = reg("wl_active", Bool(), 0);
        Bool wReady = reg("w_ready", Bool(), 0);
        UInt wlNum = reg("wl_num", UInt(2), 0);
        UInt wlRow = reg("wl_cur_row", UInt(Types.bitsFor(r)));
        UInt wlAddr = reg("wl_cur_addr", UInt(aww));
        UInt wlKValid = reg("wl_cur_kvalid", UInt(kvw));
        Bool wlSel = reg("wl_cur_sel", Bool());

        Bool running = named("running", phase.eq(RUN));

        // ------------------------------------------------------------ streamer issue (combinational)
        // The first tile of an accumulating command taken while the previous one drains: with the
        // same layout, row m reads what the previous command's row m wrote (the in-command rule);
        // with another, any row may alias the previous one's last row, whose write must land first.
        Bool sameLayout = named("same_layout", cBase.eq(prevCBase).and(cStride.eq(prevCStride)));
        Bool crossOk = named("cross_ok", crossHazard.not().or(Hw.mux(sameLayout, since.ge(accDistance), sinceLast.ge(accDistance))));
        Bool hazardOk = named("hazard_ok", Hw.mux(st.kt.eq(0), crossOk, since.ge(accDistance)));
        Bool startTile = named("start_tile", running.and(stCont.not()).and(st.valid).and(wReady).and(hazardOk));
        Bool issue = named("issue", stCont.or(startTile));
        UInt nxKValid = named("st_nx_kvalid", st.kValid(kvw));
        UInt nxNValid = named("st_nx_nvalid", st.nValid(nvw));
        Bool nxZero = named("st_nx_zero", st.kt.eq(0).and(acc.not()));
        UInt curKValid = named("cur_kvalid", Hw.mux(stCont, stKValid, nxKValid));
        UInt curNValid = named("cur_nvalid", Hw.mux(stCont, stNValid, nxNValid));
        Bool curZero = named("cur_zero", Hw.mux(stCont, stZero, nxZero));
        UInt curAAddr = named("cur_a_addr", Hw.mux(stCont, stAAddr, aBase.resize(awa).addWrap(st.kt.resize(awa))));
        UInt curCAddr = named("cur_c_addr", Hw.mux(stCont, stCAddr, cBase.resize(awc).addWrap(st.nt.resize(awc))));
        UInt curRow = named("cur_row", Hw.mux(stCont, stRow, uint(0, fw)));
        Bool curLastTile = named("cur_last_tile", Hw.mux(stCont, stLast, st.isLast()));
        Bool lastRowOfTile = named("last_row_of_tile", curRow.eq(mMinus1));
        Bool lastIssue = named("last_issue", issue.and(lastRowOfTile).and(curLastTile));

        issValid.set(issue);
        issAAddr.set(curAAddr);
        issKValid.set(curKValid);
        issSel.set(Hw.mux(stCont, stSel, st.sel));
        issCRe.set(issue.and(curZero.not()));
        issCAddr.set(curCAddr);
        issCZero.set(curZero);
        issNValid.set(curNValid);

        // ------------------------------------------------------------ weight loader issue (combinational)
        Bool wlMay = named("wl_may", wlNum.lt(2).or(since.ge(reuseDistance)));
        Bool startLoad = named("start_load", running.and(wlActive.not()).and(wl.valid).and(wReady.not()).and(wlMay));
        Bool loading = named("loading", wlActive.or(startLoad));
        UInt wlNxKValid = named("wl_nx_kvalid", wl.kValid(kvw));
        UInt curWlRow = named("cur_wl_row", Hw.mux(wlActive, wlRow, uint(r - 1, wlRow.width())));
        UInt curWlKValid = named("cur_wl_kvalid", Hw.mux(wlActive, wlKValid, wlNxKValid));
        UInt curWlAddr = named("cur_wl_addr", Hw.mux(wlActive, wlAddr, wl.wAddr));
        Bool curWlPad = named("cur_wl_pad", curWlRow.ge(curWlKValid));
        wlShift.set(loading);
        wlRe.set(loading.and(curWlPad.not()));
        wlAddrOut.set(curWlAddr);
        wlPad.set(curWlPad);
        wlBuf.set(Hw.mux(wlActive, wlSel, wl.sel));

        // ------------------------------------------------------------ counters
        UInt cycles = reg("cnt_cycles", UInt(cw), 0);
        UInt busyCnt = reg("cnt_busy", UInt(cw), 0);
        UInt macs = reg("cnt_macs", UInt(cw), 0);
        UInt fill = reg("cnt_fill", UInt(cw), 0);
        UInt drainC = reg("cnt_drain", UInt(cw), 0);
        UInt stallW = reg("cnt_stall_w", UInt(cw), 0);
        UInt stallAcc = reg("cnt_stall_acc", UInt(cw), 0);
        perfCycles.set(cycles);
        perfBusy.set(busyCnt);
        perfMacs.set(macs);
        perfFill.set(fill);
        perfDrain.set(drainC);
        perfStallW.set(stallW);
        perfStallAcc.set(stallAcc);
        UInt usefulPerRow = named("useful_per_row", curKValid.mul(curNValid));

        // ------------------------------------------------------------ sequential behaviour
        switchOn(phase)
                .is(IDLE, () -> when(start, () -> {
                    prevCBase.set(cBase);
                    prevCStride.set(cStride);
                    m.set(inM);
                    k.set(inK);
                    n.set(inN);
                    aBase.set(inABase);
                    aStride.set(inAStride);
                    wBase.set(inWBase);
                    wStride.set(inWStride);
                    cBase.set(inCBase);
                    cStride.set(inCStride);
                    acc.set(inAcc);
                    err.set(0);
                    startedAny.set(false);
                    phase.set(CHECK1);
                    // taken while an earlier command drains: the counters go on over the run
                    when(inFlight.not(), () -> {
                        for (UInt cnt : new UInt[] {cycles, busyCnt, macs, fill, drainC, stallW, stallAcc}) {
                            cnt.set(0);
                        }
                    });
                }))
                .is(CHECK1, () -> {
                    ktLast.set(ktLastNext);
                    ntLast.set(ntLastNext);
                    aSpan.set(mMinus1.mul(aStride));
                    wSpan.set(kMinus1.mul(wStride));
                    cSpan.set(mMinus1.mul(cStride));
                    wStrideTile.set(wStrideTimesR.resize(aww));
                    wStrideLast.set(wStrideTimesRm1.resize(aww));
                    phase.set(CHECK2);
                })
                .is(CHECK2, () -> {
                    // a rejected command reports after those still draining (commands retire in order)
                    when(bad.and(inFlight), () -> { })
                            .elseWhen(zeroSize, () -> finish(phase, err, EngineStatus.ZERO_SIZE))
                            .elseWhen(badStride, () -> finish(phase, err, EngineStatus.BAD_STRIDE))
                            .elseWhen(aOut, () -> finish(phase, err, EngineStatus.A_OUT_OF_RANGE))
                            .elseWhen(wOut, () -> finish(phase, err, EngineStatus.W_OUT_OF_RANGE))
                            .elseWhen(cOut, () -> finish(phase, err, EngineStatus.C_OUT_OF_RANGE))
                            .otherwise(() -> {
                                phase.set(RUN);
                                UInt wFirst = wBase.resize(aww).addWrap(wStrideLast);
                                st.reset(wFirst);
                                wl.reset(wFirst);
                                stCont.set(false);
                                wReady.set(false);
                                wlActive.set(false);
                                crossHazard.set(inFlight.and(acc));
                                // from idle both weight buffers are free; behind a draining
                                // command the loader keeps counting from its tiles
                                when(inFlight.not(), () -> wlNum.set(0));
                            });
                })
                .is(RUN, () -> {
                    // Streamer.
                    when(startTile, () -> {
                        crossHazard.set(false);
                        stKValid.set(nxKValid);
                        stNValid.set(nxNValid);
                        stSel.set(st.sel);
                        stZero.set(nxZero);
                        stLast.set(st.isLast());
                        wReady.set(false);
                        startedAny.set(true);
                        st.advance();
                    });
                    when(issue, () -> {
                        stRow.set(curRow.addWrap(1));
                        stAAddr.set(curAAddr.addWrap(aStride.resize(awa)));
                        stCAddr.set(curCAddr.addWrap(cStride.resize(awc)));
                        stCont.set(lastRowOfTile.not());
                    });
                    // the last row is issued: the engine takes the next command while this one drains
                    when(lastIssue, () -> phase.set(IDLE));
                    // Weight loader.
                    when(startLoad, () -> {
                        wlActive.set(true);
                        wlRow.set(r - 2);
                        wlAddr.set(wl.wAddr.subWrap(wStride.resize(aww)));
                        wlKValid.set(wlNxKValid);
                        wlSel.set(wl.sel);
                        when(wlNum.lt(2), () -> wlNum.set(wlNum.addWrap(1)));
                        wl.advance();
                    }).elseWhen(wlActive, () -> {
                        wlRow.set(wlRow.subWrap(1));
                        wlAddr.set(wlAddr.subWrap(wStride.resize(aww)));
                        when(wlRow.eq(0), () -> {
                            wlActive.set(false);
                            wReady.set(true);
                        });
                    });
                })
                .otherwise(() -> { });

        // tile and last-row clocks run in every phase: a command taken while the previous one
        // drains counts its hazards from the previous one's tiles
        when(startTile, () -> since.set(1)).elseWhen(since.lt(sinceMax), () -> since.set(since.addWrap(1)));
        when(lastIssue, () -> sinceLast.set(1)).elseWhen(sinceLast.lt(accDistance), () -> sinceLast.set(sinceLast.addWrap(1)));
        pipe.set(pipe.slice(drain - 2, 0).cat(lastIssue));
        Bool rejectNow = named("reject_now", phase.eq(CHECK2).and(bad).and(inFlight.not()));
        retire.set(retiring.or(rejectNow));
        // done (a level until the next start) once the last command taken has retired
        Bool lastOut = named("last_out", retiring.and(phase.eq(IDLE)).and(pipe.slice(drain - 2, 0).eq(0)));
        when(start.and(phase.eq(IDLE)), () -> done.set(false)).elseWhen(lastOut.or(rejectNow), () -> done.set(true));

        when(engineBusy, () -> {
            cycles.set(cycles.addWrap(1));
            when(issue, () -> {
                busyCnt.set(busyCnt.addWrap(1));
                macs.set(macs.addWrap(usefulPerRow.zext(cw)));
            }).elseWhen(phase.eq(IDLE), () -> drainC.set(drainC.addWrap(1)))
                    .elseWhen(startedAny.not(), () -> fill.set(fill.addWrap(1)))
                    .elseWhen(wReady.not(), () -> stallW.set(stallW.addWrap(1)))
                    .otherwise(() -> stallAcc.set(stallAcc.addWrap(1)));
        });
    }

    private void finish(UInt phase, UInt err, EngineStatus status) {
        phase.set(IDLE);
        err.set(status.code());
    }

    /**
     * {@code floor(x / d)} for a 16-bit {@code x} and a constant {@code d}: a multiply by a rounded-up
     * reciprocal and a shift, with the constants chosen here and checked for every 16-bit x.
     */
    private UInt divConst(String name, UInt x, int d) {
        if (Integer.bitCount(d) == 1) {
            return named(name, x.shr(Integer.numberOfTrailingZeros(d)));
        }
        int max = (1 << x.width()) - 1;
        for (int shift = x.width(); shift < 48; shift++) {
            long mult = ((1L << shift) + d - 1) / d;
            boolean exact = true;
            for (long v = 0; v <= max && exact; v++) {
                exact = (v * mult) >>> shift == v / d;
            }
            if (exact) {
                // DSL workaround: a product used only in part must be a named wire; a hoisted
                // product read through a slice trips Verilator's UNUSEDSIGNAL.
                UInt prod = named(name + "_prod", x.mul(uint(mult, Types.bitsFor(mult + 1))));
                return named(name, prod.slice(Math.min(prod.width() - 1, shift + x.width() - 1), shift).resize(x.width()));
            }
        }
        throw new IllegalStateException("no reciprocal for division by " + d);
    }

    /**
     * Position in the tile sequence (N tiles outer, K tiles inner) of the streamer or the weight
     * loader: the next tile it will start. The streamer's keeps the N base (for the valid columns),
     * the loader's the weight addresses.
     */
    private final class Iter {
        final UInt kt;
        final UInt nt;
        final UInt kBase;
        final UInt nBase;
        final Bool sel;
        final Bool valid;
        /** Weight word of this tile's bottom row (K row kBase + R - 1) in the banks (loader only). */
        final UInt wAddr;
        /** Weight word of row R-1 of the first K tile of this N tile (loader only). */
        final UInt wNtAddr;

        Iter(String prefix, boolean loader, int aww) {
            kt = reg(prefix + "_kt", UInt(fw));
            nt = reg(prefix + "_nt", UInt(fw));
            kBase = reg(prefix + "_kbase", UInt(fw + 1));
            nBase = loader ? null : reg(prefix + "_nbase", UInt(fw + 1));
            sel = reg(prefix + "_sel", Bool(), 0);
            valid = reg(prefix + "_valid", Bool(), 0);
            wAddr = loader ? reg(prefix + "_waddr", UInt(aww)) : null;
            wNtAddr = loader ? reg(prefix + "_wnt_addr", UInt(aww)) : null;
        }

        void reset(UInt wFirst) {
            kt.set(0);
            nt.set(0);
            kBase.set(0);
            // sel runs on across commands: a command taken while the previous one drains loads
            // its first tile into the buffer the previous one's last tile does not use
            valid.set(true);
            if (nBase != null) {
                nBase.set(0);
            }
            if (wAddr != null) {
                wAddr.set(wFirst);
                wNtAddr.set(wFirst);
            }
        }

        Bool isLast() {
            return kt.eq(ktLast).and(nt.eq(ntLast));
        }

        void advance() {
            sel.set(sel.not());
            when(kt.eq(ktLast), () -> {
                kt.set(0);
                kBase.set(0);
                nt.set(nt.addWrap(1));
                if (nBase != null) {
                    nBase.set(nBase.addWrap(uint(cols, nBase.width())));
                }
                if (wAddr != null) {
                    wAddr.set(wNtAddr.addWrap(1));
                    wNtAddr.set(wNtAddr.addWrap(1));
                }
                when(nt.eq(ntLast), () -> valid.set(false));
            }).otherwise(() -> {
                kt.set(kt.addWrap(1));
                kBase.set(kBase.addWrap(uint(rows, kBase.width())));
                if (wAddr != null) {
                    wAddr.set(wAddr.addWrap(wStrideTile));
                }
            });
        }

        /** Rows of this K tile inside K: {@code min(R, K - kBase)}. */
        UInt kValid(int kvw) {
            UInt left = k.zext(fw + 1).subWrap(kBase);
            return Hw.mux(left.ge(rows), uint(rows, kvw), left.resize(kvw));
        }

        /** Columns of this N tile inside N: {@code min(C, N - nBase)}. */
        UInt nValid(int nvw) {
            UInt left = n.zext(fw + 1).subWrap(nBase);
            return Hw.mux(left.ge(cols), uint(cols, nvw), left.resize(nvw));
        }
    }
}
