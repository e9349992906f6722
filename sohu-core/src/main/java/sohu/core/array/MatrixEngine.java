package sohu.core.array;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.UInt;
import static sohu.hdl.Types.Vec;

import sohu.hdl.Bool;
import sohu.hdl.Elaborator;
import sohu.hdl.Hw;
import sohu.hdl.InstanceHandle;
import sohu.hdl.Mem;
import sohu.hdl.Module;
import sohu.hdl.Types;
import sohu.hdl.UInt;
import sohu.hdl.Vec;
import sohu.hdl.ir.Circuit;

/**
 * The matrix engine: a weight-stationary R×C array of FMA tiles ({@link PeArray}) with its banked
 * scratchpads, skew logic and controller ({@link EngineController}); it computes
 * {@code C = A·W (+ C)} for any M×K×N (see {@link GemmCommand} for the command and the layout).
 *
 * <h2>Dataflow</h2>
 * PE(k, n) holds {@code W[kt·R + k][nt·C + n]}. Activation row m of K tile kt enters array row k
 * from activation bank k, hops right one PE per cycle, and meets in PE(k, n) the partial sum coming
 * down column n, which started at the top as the running {@code C[m][n]} read from accumulator
 * bank n (or +0 for the first K tile unless accumulating). The sum leaving the bottom goes back to
 * the same accumulator word. With FMA latency L, PE(k, n) works on row m at {@code t0 + k·L + n}.
 *
 * <h2>Order of accumulation</h2>
 * Every output is one FP32 chain of fused multiply-adds, one rounding each, in the plain order
 * {@code acc = C0; for k = 0 .. K-1: acc = fma(A[m][k], W[k][n], acc)} ({@code C0} is the existing
 * C when accumulating, else +0). When K is not a multiple of R, the last K tile's rows beyond K
 * multiply an activation of -0 by a weight of +0: a -0 product, which round-to-nearest addition
 * leaves every sum unchanged by (-0 + -0 = -0, +0 + -0 = +0), so the result equals the plain
 * order bit for bit, the sign of zero included ({@link GemmGolden} models the padded chain).
 *
 * <h2>Skew and de-skew without data delay lines</h2>
 * Instead of delaying data, the engine delays the (narrow) read and write controls: bank k of
 * the activations is read {@code k·L} cycles after bank 0 (a chain of L registers per row), and
 * accumulator bank n is read and written, and weight bank n read, n cycles after bank 0 (one
 * register per column). So each row's data leaves its bank already skewed, and each column's
 * result is written to its own bank at its own time: the banks hold C de-skewed.
 * The write address reaches column 0 through a delay line of {@code R·L + 1} cycles.
 *
 * <h2>Host port</h2>
 * While the engine is idle ({@code status_busy} low), {@code host_we} writes word
 * {@code host_addr} of every bank of the scratchpad chosen by {@code host_sel} (0: activations,
 * lane i to bank i; 1: weights; 2: accumulators) from {@code host_wdata_<i>} (elements in the low
 * bits), and {@code host_re} with {@code host_sel = 2} reads word {@code host_addr} of every
 * accumulator bank onto {@code host_rdata_<n>} in the next cycle. Host accesses while busy, or at
 * an address beyond the scratchpad, are ignored.
 *
 * <h2>Element ports</h2>
 * Each scratchpad has an {@link ElementPort} through which the DMA (and the vector unit) reach single
 * elements, bank by bank ({@code mp_<s>_we}, {@code mp_<s>_re} one bit per bank,
 * {@code mp_<s>_addr_<b>}, {@code mp_<s>_wdata_<b>}, {@code mp_<s>_rdata_<b>} one cycle after a
 * taken read, {@code mp_<s>_ready}):
 * <ul>
 *   <li>{@code mp_act_*}: R banks, {@code aAddrBits} address bits, elements of the format's width;
 *       {@code mp_wgt_*}: C banks, {@code wAddrBits}, the format's width. {@code ready} is always
 *       high, busy or not: the element port has the banks' write port (the idle-only host write of
 *       the same cycle loses against it in that bank) and a read port of its own, so the DMA fills
 *       the next tiles while the array reads the current ones and the array never waits. Hazards
 *       between the two are the program's (dependency tokens).</li>
 *   <li>{@code mp_acc_*}: C banks, {@code cAddrBits}, 32-bit words, with a read port of its own
 *       beside the array's: reads are taken busy or not (a MOVE of one tile's sums runs while the
 *       array works on the next tile's), writes only while idle (the array owns the write port
 *       while busy). {@code ready} is {@code !status_busy} or no bank writing. Hazards between the
 *       two are the program's: a MOVE waits for the GEMMs in flight whose accumulator words it
 *       reads ({@link sohu.core.isa.BackgroundGemm#waits}). While idle a taken write of bank n
 *       goes before a host write of the same cycle to that bank; the host reads through the
 *       array's port.</li>
 * </ul>
 */
public final class MatrixEngine extends Module {

    /** Elaborates the engine for a configuration (the CLI's {@code generate array}). */
    public static Circuit elaborate(ArrayConfig cfg) {
        return Elaborator.elaborate(MatrixEngine.class, cfg);
    }

    /** The name of the top module for a configuration. */
    public static String moduleName(ArrayConfig cfg) {
        return "MatrixEngine_" + cfg.tag() + "_a" + cfg.aDepth() + "_w" + cfg.wDepth() + "_c" + cfg.cDepth();
    }

    /** Builds the engine. */
    public MatrixEngine(ArrayConfig cfg) {
        final int r = cfg.rows();
        final int c = cfg.cols();
        final int lat = cfg.latency();
        final int ew = cfg.elementBits();
        final int fw = ArrayConfig.FIELD_BITS;
        final int awa = cfg.aAddrBits();
        final int aww = cfg.wAddrBits();
        final int awc = cfg.cAddrBits();
        final int kvw = Types.bitsFor(r + 1L);
        final int nvw = Types.bitsFor(c + 1L);
        final int cw = EngineController.COUNTER_BITS;
        final long negZero = cfg.format().signMask() & 0xFFFF_FFFFL;
        name(moduleName(cfg));

        // ------------------------------------------------------------ ports
        Bool start = input("cmd_start", Bool());
        String[] fields = {"m", "k", "n", "a_base", "a_stride", "w_base", "w_stride", "c_base", "c_stride"};
        UInt[] cmd = new UInt[fields.length];
        for (int i = 0; i < fields.length; i++) {
            cmd[i] = input("cmd_" + fields[i], UInt(fw));
        }
        Bool accumulate = input("cmd_accumulate", Bool());
        Bool busy = output("status_busy", Bool());
        Bool ready = output("status_ready", Bool());
        Bool done = output("status_done", Bool());
        Bool retire = output("status_retire", Bool());
        Bool issuing = output("status_issue", Bool());
        UInt error = output("status_error", UInt(3));
        String[] perf = {"cycles", "busy", "macs", "fill", "drain", "stall_weights", "stall_acc"};
        UInt[] perfOut = new UInt[perf.length];
        for (int i = 0; i < perf.length; i++) {
            perfOut[i] = output("perf_" + perf[i], UInt(cw));
        }
        Bool hostWe = input("host_we", Bool());
        Bool hostRe = input("host_re", Bool());
        UInt hostSel = input("host_sel", UInt(2));
        UInt hostAddr = input("host_addr", UInt(fw));
        Vec<UInt> hostWdata = input("host_wdata", Vec(UInt(32), cfg.lanes()));
        Vec<UInt> hostRdata = output("host_rdata", Vec(UInt(32), c));
        ElementPort actPort = ElementPort.declare(this, "act", r, awa, ew);
        ElementPort wgtPort = ElementPort.declare(this, "wgt", c, aww, ew);
        ElementPort accPort = ElementPort.declare(this, "acc", c, awc, 32);

        // ------------------------------------------------------------ controller
        InstanceHandle ctl = instance("ctl", EngineController.class, EngineController.Params.of(cfg));
        ctl.bool("cmd_start").set(start);
        for (int i = 0; i < fields.length; i++) {
            ctl.uint("cmd_" + fields[i]).set(cmd[i]);
        }
        ctl.bool("cmd_accumulate").set(accumulate);
        busy.set(ctl.bool("status_busy"));
        ready.set(ctl.bool("status_ready"));
        done.set(ctl.bool("status_done"));
        retire.set(ctl.bool("status_retire"));
        issuing.set(ctl.bool("iss_valid"));
        error.set(ctl.uint("status_error"));
        for (int i = 0; i < perf.length; i++) {
            perfOut[i].set(ctl.uint("perf_" + perf[i]));
        }
        Bool idle = named("idle", ctl.bool("status_busy").not());
        Bool hostWeA = named("host_we_a", hostWe.and(idle).and(hostSel.eq(0)).and(inRange(hostAddr, awa)));
        Bool hostWeW = named("host_we_w", hostWe.and(idle).and(hostSel.eq(1)).and(inRange(hostAddr, aww)));
        Bool hostWeC = named("host_we_c", hostWe.and(idle).and(hostSel.eq(2)).and(inRange(hostAddr, awc)));
        Bool hostReC = named("host_re_c", hostRe.and(idle).and(hostSel.eq(2)).and(inRange(hostAddr, awc)));
        // The array only reads act and wgt, through its own ports: their element ports never wait.
        actPort.ready().set(bool(true));
        wgtPort.ready().set(bool(true));
        Bool accWrites = named("mp_acc_writes", accPort.we().ne(0));
        accPort.ready().set(idle.or(accWrites.not()));

        InstanceHandle array = instance("array", PeArray.class,
                new PeArray.Params(r, c, new ArrayPe.Params(cfg.format(), lat)));

        // ------------------------------------------------------------ activations: row k read k·L cycles after row 0
        Bool rowValid = ctl.bool("iss_valid");
        UInt rowAddr = ctl.uint("iss_a_addr");
        UInt rowKValid = ctl.uint("iss_kvalid");
        Bool rowSel = ctl.bool("iss_sel");
        for (int k = 0; k < r; k++) {
            if (k > 0) {
                rowValid = delayB("row" + k + "_valid", rowValid, lat, true);
                rowAddr = delayU("row" + k + "_addr", rowAddr, lat);
                rowKValid = delayU("row" + k + "_kvalid", rowKValid, lat);
                rowSel = delayB("row" + k + "_sel", rowSel, lat, false);
            }
            Mem bank = mem("a_bank_" + k, ew, cfg.aDepth());
            UInt lane = hostWdata.get(k);
            elementPort(actPort, k, bank, hostWeA, hostAddr.resize(awa), lane.resize(ew));
            Bool inside = named("row" + k + "_inside", rowKValid.gt(uint(k, kvw)));
            UInt data = bank.read(rowAddr, rowValid.and(inside));
            Bool validQ = reg("row" + k + "_valid_q", Bool(), 0);
            Bool padQ = reg("row" + k + "_pad_q", Bool());
            Bool selQ = reg("row" + k + "_sel_q", Bool());
            validQ.set(rowValid);
            padQ.set(inside.not());
            selQ.set(rowSel);
            // A K row beyond K feeds -0 (times the +0 padded weight: a -0 product), the identity of
            // round-to-nearest addition, so padding leaves every sum as the plain order k = 0..K-1 gives it.
            array.uint("a_" + k).set(Hw.mux(padQ, uint(negZero, ew), data));
            array.bool("a_valid_" + k).set(validQ);
            array.bool("sel_" + k).set(selQ);
        }

        // ------------------------------------------------------------ columns: weights, partial sums, results
        Bool wShift = ctl.bool("wl_shift");
        Bool wRe = ctl.bool("wl_re");
        UInt wAddr = ctl.uint("wl_addr");
        Bool wPad = ctl.bool("wl_pad");
        Bool wBuf = ctl.bool("wl_buf");
        Bool cRe = ctl.bool("iss_c_re");
        UInt cAddr = ctl.uint("iss_c_addr");
        Bool cZero = ctl.bool("iss_c_zero");
        // Column 0 writes the result of a row issued R·L + 1 cycles earlier.
        Bool wrEn = delayB("wr_valid", ctl.bool("iss_valid"), r * lat + 1, true);
        UInt wrAddr = delayU("wr_addr", ctl.uint("iss_c_addr"), r * lat + 1);
        UInt wrNValid = delayU("wr_nvalid", ctl.uint("iss_nvalid"), r * lat + 1);
        for (int n = 0; n < c; n++) {
            if (n > 0) {
                String col = "col" + n;
                wShift = delayB(col + "_wshift", wShift, 1, true);
                wRe = delayB(col + "_wre", wRe, 1, true);
                wAddr = delayU(col + "_waddr", wAddr, 1);
                wPad = delayB(col + "_wpad", wPad, 1, false);
                wBuf = delayB(col + "_wbuf", wBuf, 1, false);
                cRe = delayB(col + "_cre", cRe, 1, true);
                cAddr = delayU(col + "_caddr", cAddr, 1);
                cZero = delayB(col + "_czero", cZero, 1, false);
                wrEn = delayB(col + "_wr_valid", wrEn, 1, true);
                wrAddr = delayU(col + "_wr_addr", wrAddr, 1);
                wrNValid = delayU(col + "_wr_nvalid", wrNValid, 1);
            }
            // Weights: shift into buffer wBuf one cycle after the read.
            Mem wBank = mem("w_bank_" + n, ew, cfg.wDepth());
            UInt wLane = hostWdata.get(n);
            elementPort(wgtPort, n, wBank, hostWeW, hostAddr.resize(aww), wLane.resize(ew));
            UInt wData = wBank.read(wAddr, wRe);
            Bool shiftQ = reg("col" + n + "_wshift_q", Bool(), 0);
            Bool padQ = reg("col" + n + "_wpad_q", Bool());
            Bool bufQ = reg("col" + n + "_wbuf_q", Bool());
            shiftQ.set(wShift);
            padQ.set(wPad);
            bufQ.set(wBuf);
            array.uint("w_" + n).set(Hw.mux(padQ, uint(0, ew), wData));
            array.bool("ld0_" + n).set(shiftQ.and(bufQ.not()));
            array.bool("ld1_" + n).set(shiftQ.and(bufQ));

            // Accumulators: the array's read port (partial sums; while idle the host's), the element
            // port's own read port, one write port (the array's; while idle the element port's, the host's).
            Mem cBank = mem("c_bank_" + n, 32, cfg.cDepth());
            Bool mpRe = named("mp_acc_take_re_" + n, accPort.re(n));
            Bool mpWe = named("mp_acc_take_we_" + n, accPort.we(n).and(idle));
            UInt mpAddr = accPort.addr().get(n);
            UInt readAddr = Hw.mux(idle, hostAddr.resize(awc), cAddr);
            UInt cData = cBank.read(readAddr, cRe.or(hostReC));
            accPort.rdata().get(n).set(cBank.read(mpAddr, mpRe));
            Bool zeroQ = reg("col" + n + "_czero_q", Bool());
            zeroQ.set(cZero);
            array.uint("psum_" + n).set(Hw.mux(zeroQ, uint(0, 32), cData));
            hostRdata.get(n).set(cData);
            Bool write = named("col" + n + "_write",
                    wrEn.and(wrNValid.gt(uint(n, nvw))).and(array.bool("res_valid_" + n)));
            UInt result = array.uint("res_" + n);
            UInt cLane = hostWdata.get(n);
            UInt waddr = wrAddr;
            UInt mpData = accPort.wdata().get(n);
            when(write, () -> cBank.write(waddr, result))
                    .elseWhen(mpWe, () -> cBank.write(mpAddr, mpData))
                    .elseWhen(hostWeC, () -> cBank.write(hostAddr.resize(awc), cLane));
        }
    }

    /**
     * Bank {@code b} of act or wgt: the element port's write (always taken; before the idle-only host
     * write of the same cycle) and the element port's own read port, beside the array's.
     */
    private void elementPort(ElementPort port, int b, Mem bank, Bool hostWe, UInt hostAddr, UInt hostData) {
        UInt addr = port.addr().get(b);
        UInt data = port.wdata().get(b);
        when(port.we(b), () -> bank.write(addr, data)).elseWhen(hostWe, () -> bank.write(hostAddr, hostData));
        port.rdata().get(b).set(bank.read(addr, port.re(b)));
    }

    /** Drives every element port of engine instance {@code eng} idle from {@code parent} (a parent not using them). */
    public static void tieOffElementPorts(Module parent, InstanceHandle<MatrixEngine> eng, ArrayConfig cfg) {
        ElementPort.tieOff(parent, eng, "act", cfg.rows());
        ElementPort.tieOff(parent, eng, "wgt", cfg.cols());
        ElementPort.tieOff(parent, eng, "acc", cfg.cols());
    }

    /** Whether a 16-bit host address is below {@code 2^bits}. */
    private Bool inRange(UInt addr, int bits) {
        if (bits >= addr.width()) {
            return bool(true);
        }
        return addr.slice(addr.width() - 1, bits).eq(0);
    }

    /** {@code v} delayed by {@code cycles} registers named {@code name_d1 .. name_d<cycles>}. */
    private UInt delayU(String name, UInt v, int cycles) {
        UInt cur = v;
        for (int i = 1; i <= cycles; i++) {
            UInt q = reg(name + "_d" + i, UInt(v.width()));
            q.set(cur);
            cur = q;
        }
        return cur;
    }

    /** A bit delayed by {@code cycles} registers (reset to 0 when {@code reset}). */
    private Bool delayB(String name, Bool v, int cycles, boolean reset) {
        Bool cur = v;
        for (int i = 1; i <= cycles; i++) {
            Bool q = reset ? reg(name + "_d" + i, Bool(), 0) : reg(name + "_d" + i, Bool());
            q.set(cur);
            cur = q;
        }
        return cur;
    }
}
