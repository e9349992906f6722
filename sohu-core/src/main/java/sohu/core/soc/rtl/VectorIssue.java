package sohu.core.soc.rtl;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.UInt;
import static sohu.hdl.Types.Vec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import sohu.core.compile.CoreConfig;
import sohu.core.isa.Opcode;
import sohu.core.xformer.VectorOp;
import sohu.core.xformer.rtl.VectorUnit;
import sohu.hdl.Bool;
import sohu.hdl.Bundle;
import sohu.hdl.Hw;
import sohu.hdl.InstanceHandle;
import sohu.hdl.Module;
import sohu.hdl.Stream;
import sohu.hdl.UInt;
import sohu.hdl.Vec;
import sohu.hdl.lib.Queue;

/**
 * Executes the compute queue's VECTOR, MOVE and SCALAR instructions (docs/ISA.md) one at a time on
 * a {@link VectorUnit} ({@code vu_*}: the unit's ports of the same name) and a {@link ScalarUnit}
 * ({@code su_*}); {@link ComputeSide} joins the three.
 *
 * <p>{@code issue} takes one 128-bit instruction word (the sequencer's compute issue port;
 * accepted when no instruction runs); {@code done} pulses once when it has finished: every
 * result is in vmem, the registers or the activation scratchpad (other opcodes finish at once,
 * without effect).
 * <ul>
 * <li>VECTOR: reads {@code r[sS], r[sS2], r[sS3]} (rd ports), starts the unit with
 * {@code q_pos = max(diag, 0)}, {@code k_pos = max(-diag, 0)}, writes {@code red_result} to
 * {@code r[sRed]}; {@code to_act} words go through a queue of {@link #ACT_QUEUE} words onto the
 * requester port {@code mp_act_*} (docs/PORTS: {@code we} per bank = the lanes below length, one
 * word address {@code dst + k·strideD} on every bank, held while {@code mp_act_ready} is low).
 * The unit's {@code act_ready} (a word issued with it high must be taken
 * {@link VectorUnit#WRITE_LATENCY} cycles later) is high while the queue holds at most
 * {@code ACT_QUEUE - WRITE_LATENCY - 1} words, so no word is ever dropped and an always-ready
 * port never stalls the unit.</li>
 * <li>MOVE: reads {@code rows × words} accumulator words through the requester port
 * {@code mp_acc_*} (every bank, one word address; a read taken in a cycle with
 * {@code mp_acc_ready} high returns {@code mp_acc_rdata_*} the next cycle) and writes each to
 * the unit's memory through {@code ld_*}.</li>
 * <li>SCALAR: hands the fields to the scalar unit and waits for its done.</li>
 * </ul>
 */
public final class VectorIssue extends Module {
    /** Words of the queue between the unit's activation writes and {@code mp_act_*}. */
    public static final int ACT_QUEUE = VectorUnit.WRITE_LATENCY + 3;

    private static final int IDLE = 0;
    private static final int V_READ = 1;
    private static final int V_CMD = 2;
    private static final int V_RUN = 3;
    private static final int MOVE = 4;
    private static final int S_CMD = 5;
    private static final int S_RUN = 6;
    private static final int OTHER = 7;

    private UInt word;

    /** Builds the issuer for the core {@code core} (lanes, format, memory depths). */
    public VectorIssue(CoreConfig core) {
        name("VectorIssue_" + ComputeSide.tag(core));
        Stream<Bundle> issue = streamIn("issue", Sequencer.word());
        UInt state = reg("state", UInt(3), IDLE);
        Bool accept = named("accept", issue.valid().and(state.eq(IDLE)));
        issue.ready().set(state.eq(IDLE));
        UInt in = named("in_word", issue.payload().uint("hi").cat(issue.payload().uint("lo")));
        UInt insn = reg("insn", UInt(128), 0);
        word = insn;
        UInt op = in.slice(3, 0);
        Bool finish = wire("finish", Bool());

        Bool vuReady = input("vu_cmd_ready", Bool());
        Bool vecDone = vector(core, state, vuReady);
        Bool moveDone = move(core, state, accept, in);
        Bool scalarDone = scalar(state);
        finish.set(vecDone.or(moveDone).or(scalarDone).or(state.eq(OTHER)));
        when(accept, () -> {
            insn.set(in);
            state.set(Hw.mux(op.eq(Opcode.VECTOR.ordinal()), uint(V_READ, 3),
                    Hw.mux(op.eq(Opcode.MOVE.ordinal()), uint(MOVE, 3),
                            Hw.mux(op.eq(Opcode.SCALAR.ordinal()), uint(S_CMD, 3), uint(OTHER, 3)))));
        }).elseWhen(finish, () -> state.set(IDLE))
                .elseWhen(state.eq(V_READ), () -> state.set(V_CMD))
                .elseWhen(state.eq(V_CMD).and(vuReady), () -> state.set(V_RUN))
                .elseWhen(state.eq(S_CMD).and(input("su_cmd_ready", Bool())), () -> state.set(S_RUN));
        Bool done = reg("done_q", Bool(), 0);
        done.set(finish);
        output("done", Bool()).set(done);
    }

    private UInt field(int msb, int lsb) {
        return word.slice(msb, lsb);
    }

    /** VECTOR: scalars, the unit's command, reductions, the activation queue; returns the finish. */
    private Bool vector(CoreConfig core, UInt state, Bool vuReady) {
        int aw = Integer.numberOfTrailingZeros(core.vDepth());
        int lanes = core.lanes();
        // docs/ISA.md VECTOR: [11:8] op, [13:12] reduce, [14] toAct, [15] mask, [27:16] srcA, [39:28] srcB,
        // [51:40] srcC, [63:52] dst, [65:64]..[71:70] strides A B C D, [84:72] length, [92:85] sS,
        // [100:93] sS2, [108:101] sS3, [116:109] sRed, [127:117] diag (signed)
        Vec<UInt> rdAddr = output("su_rd_addr", Vec(UInt(ScalarUnit.REG_BITS), ScalarUnit.READ_PORTS));
        rdAddr.get(0).set(field(92, 85));
        rdAddr.get(1).set(field(100, 93));
        rdAddr.get(2).set(field(108, 101));
        Vec<UInt> rdData = input("su_rd_data", Vec(UInt(32), ScalarUnit.READ_PORTS));
        output("vu_cmd_valid", Bool()).set(state.eq(V_CMD));
        output("vu_cmd_op", UInt(VectorOp.BITS)).set(field(11, 8));
        output("vu_cmd_reduce", UInt(2)).set(field(13, 12));
        Bool toAct = word.bit(14);
        output("vu_cmd_to_act", Bool()).set(toAct);
        output("vu_cmd_mask_en", Bool()).set(word.bit(15));
        String[] src = {"src_a", "src_b", "src_c", "dst"};
        for (int i = 0; i < src.length; i++) {
            output("vu_cmd_" + src[i], UInt(aw)).set(field(27 + 12 * i, 16 + 12 * i).resize(aw));
        }
        String[] strides = {"a", "b", "c", "d"};
        for (int i = 0; i < strides.length; i++) {
            output("vu_cmd_stride_" + strides[i], UInt(aw)).set(field(65 + 2 * i, 64 + 2 * i).resize(aw));
        }
        output("vu_cmd_length", UInt(VectorUnit.LENGTH_BITS)).set(field(84, 72).zext(VectorUnit.LENGTH_BITS));
        String[] s = {"s", "s2", "s3"};
        for (int i = 0; i < s.length; i++) {
            output("vu_cmd_" + s[i], UInt(32)).set(rdData.get(i));
        }
        UInt diag = field(127, 117);
        Bool negative = diag.msb();
        output("vu_cmd_q_pos", UInt(VectorUnit.LENGTH_BITS))
                .set(Hw.mux(negative, uint(0, 11), diag).zext(VectorUnit.LENGTH_BITS));
        output("vu_cmd_k_pos", UInt(VectorUnit.LENGTH_BITS))
                .set(Hw.mux(negative, uint(0, 11).subWrap(diag), uint(0, 11)).zext(VectorUnit.LENGTH_BITS));
        output("vu_acc_ready", Bool()).set(bool(true));

        // reductions into r[sRed]
        output("su_wr_valid", Bool()).set(state.eq(V_RUN).and(input("vu_red_valid", Bool())));
        output("su_wr_addr", UInt(ScalarUnit.REG_BITS)).set(field(116, 109));
        output("su_wr_data", UInt(32)).set(input("vu_red_result", UInt(32)));

        Bool queueEmpty = actQueue(core, state);
        return named("vector_finish", state.eq(V_RUN).and(vuReady).and(queueEmpty));
    }

    /** The activation words: unit -> queue -> mp_act_*; returns whether the queue is empty. */
    private Bool actQueue(CoreConfig core, UInt state) {
        int banks = core.rows();
        int aaw = Integer.numberOfTrailingZeros(core.aDepth());
        int ew = core.format().width();
        Bool wrValid = input("vu_wr_valid", Bool());
        Bool wrAct = input("vu_wr_act", Bool());
        UInt wrMask = input("vu_wr_mask", UInt(core.lanes()));
        UInt wrData = input("vu_wr_data", UInt(32 * core.lanes()));
        // the act word of each written word: dst, then + strideD per word
        UInt actAddr = reg("act_addr", UInt(aaw), 0);
        Bool enq = named("act_enq", wrValid.and(wrAct));
        when(state.eq(V_READ), () -> actAddr.set(field(63, 52).resize(aaw)))
                .elseWhen(enq, () -> actAddr.set(actAddr.addWrap(field(71, 70).zext(aaw))));
        List<UInt> elems = new ArrayList<>();
        for (int b = 0; b < banks; b++) {
            elems.add(wrData.slice(32 * b + ew - 1, 32 * b));
        }
        Collections.reverse(elems);
        UInt entry = named("act_entry", Hw.cat(Hw.cat(elems), actAddr, wrMask));
        InstanceHandle<Queue> q = instance("act_q", Queue.class, new Queue.Params(entry.width(), ACT_QUEUE));
        q.bool("enq_valid").set(enq);
        q.uint("enq_payload").set(entry);
        UInt count = q.uint("count");
        output("vu_act_ready", Bool()).set(count.le(ACT_QUEUE - VectorUnit.WRITE_LATENCY - 1));
        assertThat(enq.not().or(q.bool("enq_ready")), "an activation word found the queue full");

        Bool valid = q.bool("deq_valid");
        UInt head = q.uint("deq_payload");
        q.bool("deq_ready").set(input("mp_act_ready", Bool()));
        output("mp_act_we", UInt(banks)).set(Hw.mux(valid, head.slice(banks - 1, 0), uint(0, banks)));
        Vec<UInt> addr = output("mp_act_addr", Vec(UInt(aaw), banks));
        Vec<UInt> data = output("mp_act_wdata", Vec(UInt(ew), banks));
        for (int b = 0; b < banks; b++) {
            addr.get(b).set(head.slice(banks + aaw - 1, banks));
            int lsb = banks + aaw + b * ew;
            data.get(b).set(head.slice(lsb + ew - 1, lsb));
        }
        return named("act_empty", count.eq(0));
    }

    /** MOVE: accumulator words through mp_acc_* into the unit's ld_*; returns the finish. */
    private Bool move(CoreConfig core, UInt state, Bool accept, UInt in) {
        int banks = core.cols();
        int caw = Integer.numberOfTrailingZeros(core.cDepth());
        int aw = Integer.numberOfTrailingZeros(core.vDepth());
        // docs/ISA.md MOVE: [23:8] src, [35:24] dst, [47:36] rows, [59:48] words, [75:60] srcStride,
        // [87:76] dstStride
        UInt rowSrc = reg("row_src", UInt(16), 0);
        UInt rowDst = reg("row_dst", UInt(12), 0);
        UInt src = reg("mv_src", UInt(16), 0);
        UInt dst = reg("mv_dst", UInt(12), 0);
        UInt wordsLeft = reg("words_left", UInt(12), 0);
        UInt rowsLeft = reg("rows_left", UInt(12), 0);
        Bool isMove = in.slice(3, 0).eq(Opcode.MOVE.ordinal());
        Bool request = named("acc_request", state.eq(MOVE).and(rowsLeft.ne(0)));
        Bool taken = named("acc_taken", request.and(input("mp_acc_ready", Bool())));
        UInt nextRowSrc = rowSrc.addWrap(field(75, 60));
        UInt nextRowDst = rowDst.addWrap(field(87, 76));
        when(accept.and(isMove), () -> {
            rowSrc.set(in.slice(23, 8));
            src.set(in.slice(23, 8));
            rowDst.set(in.slice(35, 24));
            dst.set(in.slice(35, 24));
            rowsLeft.set(in.slice(47, 36));
            wordsLeft.set(in.slice(59, 48));
        }).elseWhen(taken.and(wordsLeft.eq(1)), () -> {
            rowSrc.set(nextRowSrc);
            src.set(nextRowSrc);
            rowDst.set(nextRowDst);
            dst.set(nextRowDst);
            rowsLeft.set(rowsLeft.subWrap(1));
            wordsLeft.set(field(59, 48));
        }).elseWhen(taken, () -> {
            src.set(src.addWrap(1));
            dst.set(dst.addWrap(1));
            wordsLeft.set(wordsLeft.subWrap(1));
        });
        output("mp_acc_re", UInt(banks)).set(Hw.mux(request, uint((1L << banks) - 1, banks), uint(0, banks)));
        Vec<UInt> addr = output("mp_acc_addr", Vec(UInt(caw), banks));
        for (int b = 0; b < banks; b++) {
            addr.get(b).set(src.resize(caw));
        }
        Vec<UInt> rdata = input("mp_acc_rdata", Vec(UInt(32), banks));
        Bool ldValid = reg("ld_valid_q", Bool(), 0);
        ldValid.set(taken);
        UInt ldAddr = reg("ld_addr_q", UInt(12), 0);
        ldAddr.set(dst);
        List<UInt> lanes = new ArrayList<>(rdata.elements());
        Collections.reverse(lanes);
        output("vu_ld_valid", Bool()).set(ldValid);
        output("vu_ld_addr", UInt(aw)).set(ldAddr.resize(aw));
        output("vu_ld_data", UInt(32 * banks)).set(Hw.cat(lanes));
        return named("move_finish", state.eq(MOVE).and(rowsLeft.eq(0)).and(ldValid.not()));
    }

    /** SCALAR: the fields to the scalar unit; returns the finish (its done). */
    private Bool scalar(UInt state) {
        // docs/ISA.md SCALAR: [12:8] fn, [23:16] dst, [31:24] a, [39:32] b, [47:40] c, [55:48] s, [63:56] s2,
        // [71:64] s3, [103:72] imm
        output("su_cmd_valid", Bool()).set(state.eq(S_CMD));
        output("su_cmd_fn", UInt(5)).set(field(12, 8));
        String[] regs = {"dst", "a", "b", "c", "s", "s2", "s3"};
        for (int i = 0; i < regs.length; i++) {
            output("su_cmd_" + regs[i], UInt(ScalarUnit.REG_BITS)).set(field(23 + 8 * i, 16 + 8 * i));
        }
        output("su_cmd_imm", UInt(32)).set(field(103, 72));
        return named("scalar_finish", state.eq(S_RUN).and(input("su_done", Bool())));
    }
}
