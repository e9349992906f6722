package sohu.constraints;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.UInt;

import java.util.ArrayList;
import java.util.List;
import sohu.hdl.Bits;
import sohu.hdl.Bool;
import sohu.hdl.Hw;
import sohu.hdl.InstanceHandle;
import sohu.hdl.Module;
import sohu.hdl.UInt;

/**
 * Wraps a design so it fits any FPGA's pins and stays fully observable: a shift register fed
 * from pin {@code din} drives every data input, every output is captured in a register and
 * XOR-reduced to pin {@code dout} through a pipelined tree of 4-input XORs (one LUT level per
 * stage, so the wrapper never sets the clock rate). Pins: clk, rst (if the design has one),
 * din, dout. Outputs that always cancel in the XOR (a and ~a) would let synthesis remove logic.
 */
final class PinHarness extends Module {
    /** The wrapped design's module name and ports. */
    public record Params(String module, List<PortShape> ports) { }

    PinHarness(Params p) {
        name("SohuPins_" + p.module());
        InstanceHandle dut = instance("dut", DesignBox.class, new DesignBox.Params(p.module(), p.ports()));
        Bool din = input("din", Bool());
        Bool dout = output("dout", Bool());

        int n = p.ports().stream().filter(s -> s.input() && !s.implicit()).mapToInt(PortShape::width).sum();
        Bits last = din;
        if (n > 0) {
            UInt shift = reg("shift", UInt(n));
            shift.set(n == 1 ? din : Hw.cat(shift.slice(n - 2, 0), din));
            last = shift.msb();
            int lo = 0;
            for (PortShape s : p.ports()) {
                if (s.input() && !s.implicit()) {
                    UInt bits = shift.slice(lo + s.width() - 1, lo);
                    dut.pin(s.name()).set(s.signed() ? bits.asSInt() : s.width() == 1 ? shift.bit(lo) : bits);
                    lo += s.width();
                }
            }
        }

        List<Bits> outs = new ArrayList<>();
        p.ports().stream().filter(s -> !s.input()).forEach(s -> outs.add(dut.pin(s.name())));
        if (outs.isEmpty()) {
            Bool q = reg("dout_q", Bool());
            q.set(last.asUInt().bit(0));
            dout.set(q);
            return;
        }
        int m = outs.stream().mapToInt(Bits::width).sum();
        UInt level = reg("capture", UInt(m));
        level.set(Hw.cat(outs));
        for (int stage = 0; level.width() > 1; stage++) {
            int w = level.width();
            int groups = (w + 3) / 4;
            List<Bits> parts = new ArrayList<>();
            for (int g = groups - 1; g >= 0; g--) {
                parts.add(level.slice(Math.min(4 * g + 3, w - 1), 4 * g).xorR());
            }
            UInt next = reg("xor_" + stage, UInt(groups));
            next.set(Hw.cat(parts));
            level = next;
        }
        dout.set(level.bit(0));
    }
}
