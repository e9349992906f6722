package sohu.core.soc.rtl;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.UInt;
import static sohu.hdl.Types.Vec;

import sohu.core.isa.Scalar;
import sohu.core.isa.ScalarFn;
import sohu.core.xformer.VectorOp;
import sohu.core.xformer.rtl.Fp32Max;
import sohu.core.xformer.rtl.VectorLane;
import sohu.hdl.Bool;
import sohu.hdl.Hw;
import sohu.hdl.InstanceHandle;
import sohu.hdl.Mem;
import sohu.hdl.Module;
import sohu.hdl.UInt;
import sohu.hdl.Vec;

/**
 * The 256 FP32 scalar registers of a SohuCore and the SCALAR instruction (docs/ISA.md):
 * {@code r[dst] = fn(r[a], r[b], r[c], r[s], r[s2], r[s3], imm)}, fn 0..13 one
 * {@link VectorLane} operation on scalars, 14 the lanes' comparator ({@link Fp32Max}), 15 (and
 * the unused codes 16..31) the immediate.
 *
 * <p>Ports. {@code cmd_valid}/{@code cmd_ready} with {@code cmd_fn} (5), {@code cmd_dst},
 * {@code cmd_a}, {@code cmd_b}, {@code cmd_c}, {@code cmd_s}, {@code cmd_s2}, {@code cmd_s3} (8)
 * and {@code cmd_imm} (32) start one SCALAR; {@code done} pulses the cycle after its result is
 * written ({@value #LATENCY} cycles after the accept for fn 0..13, 3 for 14 and 15), when
 * {@code cmd_ready} is high again. {@code wr_valid}, {@code wr_addr} (8), {@code wr_data} (32)
 * write a register (the vector unit's reductions; it wins over a SCALAR's write in the same
 * cycle). {@code rd_addr_0..2} (8) give {@code rd_data_0..2} (32) one cycle later (a VECTOR's
 * {@code s}, {@code s2}, {@code s3}); while a SCALAR runs they carry its own operands instead.
 * {@code dbg_reg_addr}/{@code dbg_reg_data} is a fourth read port of the same latency, for
 * observing the registers. A read in the cycle of a write returns the old value.
 */
public final class ScalarUnit extends Module {
    /** Bits of a register number. */
    public static final int REG_BITS = Integer.numberOfTrailingZeros(Scalar.REGISTERS);
    /** Read ports for a VECTOR's scalars. */
    public static final int READ_PORTS = 3;
    /** Cycles from the accept of a lane SCALAR (fn 0..13) to its done: read, lane, write. */
    public static final int LATENCY = 3 + VectorLane.LATENCY;

    /** Builds the unit. */
    public ScalarUnit() {
        name("ScalarUnit");
        Bool cmdValid = input("cmd_valid", Bool());
        UInt fn = input("cmd_fn", UInt(5));
        UInt[] fields = new UInt[7];
        String[] names = {"dst", "a", "b", "c", "s", "s2", "s3"};
        for (int i = 0; i < names.length; i++) {
            fields[i] = input("cmd_" + names[i], UInt(REG_BITS));
        }
        UInt imm = input("cmd_imm", UInt(32));
        Bool wrValid = input("wr_valid", Bool());
        UInt wrAddr = input("wr_addr", UInt(REG_BITS));
        UInt wrData = input("wr_data", UInt(32));
        Vec<UInt> rdAddr = input("rd_addr", Vec(UInt(REG_BITS), READ_PORTS));
        Vec<UInt> rdData = output("rd_data", Vec(UInt(32), READ_PORTS));
        UInt dbgAddr = input("dbg_reg_addr", UInt(REG_BITS));

        Bool busy = reg("busy", Bool(), 0);
        Bool accept = named("accept", cmdValid.and(busy.not()));
        output("cmd_ready", Bool()).set(busy.not());
        UInt fnQ = reg("fn_q", UInt(5), 0);
        UInt immQ = reg("imm_q", UInt(32), 0);
        UInt[] q = new UInt[fields.length];
        for (int i = 0; i < fields.length; i++) {
            q[i] = reg(names[i] + "_q", UInt(REG_BITS), 0);
        }
        when(accept, () -> {
            busy.set(bool(true));
            fnQ.set(fn);
            immQ.set(imm);
            for (int i = 0; i < fields.length; i++) {
                q[i].set(fields[i]);
            }
        });

        // ---- the register file: a, b, c for SCALARs; s, s2, s3 shared with rd_*; the debug port
        Mem regs = mem("regs", 32, Scalar.REGISTERS);
        UInt ra = regs.read(q[1]);
        UInt rb = regs.read(q[2]);
        UInt rc = regs.read(q[3]);
        UInt[] rs = new UInt[READ_PORTS];
        for (int i = 0; i < READ_PORTS; i++) {
            rs[i] = regs.read(Hw.mux(busy, q[4 + i], rdAddr.get(i)));
            rdData.get(i).set(rs[i]);
        }
        output("dbg_reg_data", UInt(32)).set(regs.read(dbgAddr));

        // ---- operands valid two cycles after the accept (addresses registered, then the read)
        Bool addrValid = reg("addr_valid", Bool(), 0);
        addrValid.set(accept);
        Bool operands = reg("operands", Bool(), 0);
        operands.set(addrValid);
        Bool direct = named("direct", fnQ.ge(ScalarFn.MAX.ordinal()));
        InstanceHandle<VectorLane> lane = instance("lane", VectorLane.class, null);
        lane.bool("in_valid").set(operands.and(direct.not()));
        lane.uint("op").set(fnQ.resize(VectorOp.BITS));
        lane.uint("a").set(ra);
        lane.uint("b").set(rb);
        lane.uint("c").set(rc);
        lane.uint("s").set(rs[0]);
        lane.uint("s2").set(rs[1]);
        lane.uint("s3").set(rs[2]);
        lane.bool("masked").set(bool(false));
        InstanceHandle<Fp32Max> max = instance("max", Fp32Max.class, null);
        max.uint("a").set(ra);
        max.uint("b").set(rb);
        UInt directResult = Hw.mux(fnQ.eq(ScalarFn.MAX.ordinal()), max.uint("out"), immQ);

        Bool laneDone = named("lane_done", lane.bool("out_valid"));
        Bool write = named("write", laneDone.or(operands.and(direct)));
        UInt result = named("result", Hw.mux(laneDone, lane.uint("out"), directResult));
        when(wrValid, () -> regs.write(wrAddr, wrData)).elseWhen(write, () -> regs.write(q[0], result));
        when(write, () -> busy.set(bool(false)));
        Bool done = reg("done_q", Bool(), 0);
        done.set(write);
        output("done", Bool()).set(done);
    }
}
