package sohu.core.soc.rtl;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.UInt;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import sohu.core.mem.DmaFormat;
import sohu.core.soc.SequencerConfig;
import sohu.hdl.Bits;
import sohu.hdl.Bool;
import sohu.hdl.Bundle;
import sohu.hdl.Elaborator;
import sohu.hdl.InstanceHandle;
import sohu.hdl.Module;
import sohu.hdl.UInt;
import sohu.hdl.ir.Circuit;
import sohu.hdl.lib.Axi4;
import sohu.hdl.lib.AxiLiteRegBank;
import sohu.hdl.lib.AxiLiteRegBank.Access;
import sohu.hdl.lib.AxiLiteRegBank.Field;
import sohu.hdl.lib.AxiLiteRegBank.Reg;

/**
 * The SohuCore's AXI4-Lite control slave ({@code s_axil_*}, 12-bit addresses, 32-bit data), an
 * {@link AxiLiteRegBank}. Register map (byte offsets; docs/ISA.md, "Control registers"):
 *
 * <table>
 *   <caption>Control registers</caption>
 *   <tr><th>offset</th><th>name</th><th>access</th><th>meaning</th></tr>
 *   <tr><td>0x00</td><td>CTRL</td><td>W</td><td>writing bit 0 = 1 pulses {@code start} (reads 0)</td></tr>
 *   <tr><td>0x04</td><td>PROG_ADDR_LO</td><td>RW</td><td>program HBM byte address, bits 31..0</td></tr>
 *   <tr><td>0x08</td><td>PROG_ADDR_HI</td><td>RW</td><td>bits 47..32 (register bits 15..0)</td></tr>
 *   <tr><td>0x0C</td><td>PROG_COUNT</td><td>RW</td><td>instructions in the program</td></tr>
 *   <tr><td>0x10</td><td>STATUS</td><td>R</td><td>[0] busy, [1] done, [2] deadlock, [3] unsupported,
 *       [4] dma error, [9:8] sequencer error code, [15:12] fetch error (DMA code)</td></tr>
 *   <tr><td>0x14</td><td>ERROR_INDEX</td><td>R</td><td>index of the refused instruction</td></tr>
 *   <tr><td>0x18</td><td>ID</td><td>R</td><td>{@value #ID} ("SOHU")</td></tr>
 *   <tr><td>0x1C</td><td>COUNTERS</td><td>R</td><td>number of counter registers that follow</td></tr>
 *   <tr><td>0x20 + 4i</td><td>counter registers</td><td>R</td><td>the {@link Counter}s in order; one wider
 *       than 32 bits takes two registers, {@code _LO} then {@code _HI}</td></tr>
 * </table>
 *
 * Any other offset answers SLVERR (reads return 0); writes to read-only registers are ignored.
 * A 64-bit counter's halves are read one at a time, so read it when it is not counting (after
 * {@code done}) or read HI, LO, HI until HI repeats.
 *
 * <p>Ports: {@code start} (a one-cycle pulse), {@code prog_addr} (48 bits), {@code prog_count}
 * (out); {@code st_busy}, {@code st_done}, {@code st_deadlock}, {@code st_unsupported},
 * {@code st_dma_error}, {@code st_error} (2 bits), {@code st_fetch_error} (4 bits),
 * {@code st_error_index} and {@code cnt_<name>} per counter (in).
 */
public final class ControlSlave extends Module {
    /** The value of the ID register: "SOHU" in ASCII. */
    public static final long ID = 0x534F4855L;
    /** Address bits of the slave (a 4 KiB window). */
    public static final int ADDR_BITS = 12;
    /** Byte offset of the first counter register. */
    public static final int COUNTER_BASE = 0x20;

    /** A read-only counter input {@code cnt_<name>} of {@code bits} bits (1..64). */
    public record Counter(String name, int bits) {
        /** Validates. */
        public Counter {
            if (!name.matches("[a-z][a-z0-9_]*") || bits < 1 || bits > 64) {
                throw new IllegalArgumentException("control counter '" + name + "' must have a lower-case name and 1..64 bits, got "
                        + bits);
            }
        }

        /** The registers it takes: one, or two (LO, HI) when wider than 32 bits. */
        public int registers() {
            return bits > 32 ? 2 : 1;
        }
    }

    /**
     * The slave's parameters.
     *
     * @param counters the counter registers, in address order (names unique)
     */
    public record Params(List<Counter> counters) {
        /** Copies and checks the list. */
        public Params {
            counters = List.copyOf(counters);
            Set<String> names = new HashSet<>();
            int regs = 0;
            for (Counter c : counters) {
                if (!names.add(c.name())) {
                    throw new IllegalArgumentException("control counter '" + c.name() + "' is listed twice");
                }
                regs += c.registers();
            }
            if (COUNTER_BASE + 4L * regs > 1 << ADDR_BITS) {
                throw new IllegalArgumentException("control: " + regs + " counter registers do not fit the 4 KiB window");
            }
        }

        /** The core's counters: cycles, per queue busy and token waits, the array's busy and running cycles, vector busy. */
        public static Params defaults() {
            List<Counter> c = new ArrayList<>();
            c.add(new Counter("cycles", 32));
            for (String q : List.of("load", "compute", "store")) {
                c.add(new Counter(q + "_busy", 32));
                c.add(new Counter(q + "_token_wait", 32));
            }
            c.add(new Counter("array_busy", 48));
            c.add(new Counter("array_cycles", 48));
            c.add(new Counter("vector_busy", 32));
            return new Params(c);
        }

        /** Registers in the map. */
        public List<Reg> registers() {
            List<Reg> r = new ArrayList<>();
            r.add(Reg.ro("CTRL"));
            r.add(Reg.rw("PROG_ADDR_LO", 0));
            r.add(new Reg("PROG_ADDR_HI", List.of(new Field("value", 0, DmaFormat.ADDR_BITS - 32, Access.RW, 0))));
            r.add(Reg.rw("PROG_COUNT", 0));
            r.add(new Reg("STATUS", List.of(ro("busy", 0, 1), ro("done", 1, 1), ro("deadlock", 2, 1), ro("unsupported", 3, 1),
                    ro("dma_error", 4, 1), ro("error", 8, 2), ro("fetch_error", 12, DmaFormat.CODE_BITS))));
            r.add(Reg.ro("ERROR_INDEX"));
            r.add(Reg.ro("ID"));
            r.add(Reg.ro("COUNTERS"));
            for (Counter c : counters) {
                String n = c.name().toUpperCase(Locale.ROOT);
                if (c.registers() == 1) {
                    r.add(Reg.ro(n));
                } else {
                    r.add(Reg.ro(n + "_LO"));
                    r.add(Reg.ro(n + "_HI"));
                }
            }
            return r;
        }

        private static Field ro(String name, int lsb, int width) {
            return new Field(name, lsb, width, Access.RO, 0);
        }
    }

    /** Elaborates the slave. */
    public static Circuit elaborate(Params p) {
        return Elaborator.elaborate(ControlSlave.class, p);
    }

    /** Builds the slave. */
    public ControlSlave(Params p) {
        String name = "ControlSlave_" + Integer.toHexString(p.counters().hashCode() & 0xFFFFFFF) + "_n" + p.counters().size();
        name(name);
        List<Reg> regs = p.registers();
        InstanceHandle<AxiLiteRegBank> bank = instance("regs", AxiLiteRegBank.class,
                new AxiLiteRegBank.Params(name + "_regs", ADDR_BITS, regs));
        Bundle axi = input("s_axil", Axi4.lite(ADDR_BITS, 32));
        for (String f : axi.fields().keySet()) {
            Bits pin = bank.pin("s_axi_" + f);
            if (axi.isFlipped(f)) {
                ((Bits) axi.get(f)).set(pin);
            } else {
                pin.set((Bits) axi.get(f));
            }
        }

        // CTRL: a write of bit 0 is the start pulse (the bank takes AW and W together)
        Bool wrote = bank.bool("s_axi_awready");
        Bool ctrl = axi.uint("awaddr").slice(ADDR_BITS - 1, 2).eq(0);
        output("start", Bool()).set(wrote.and(ctrl).and(axi.uint("wdata").bit(0)).and(axi.uint("wstrb").bit(0)));
        bank.uint("CTRL_value").set(0);
        output("prog_addr", UInt(DmaFormat.ADDR_BITS)).set(bank.uint("PROG_ADDR_HI_value").cat(bank.uint("PROG_ADDR_LO_value")));
        output("prog_count", UInt(SequencerConfig.INDEX_BITS)).set(bank.uint("PROG_COUNT_value"));

        for (String f : List.of("busy", "done", "deadlock", "unsupported", "dma_error")) {
            bank.uint("STATUS_" + f).set(input("st_" + f, Bool()));
        }
        bank.uint("STATUS_error").set(input("st_error", UInt(2)));
        bank.uint("STATUS_fetch_error").set(input("st_fetch_error", UInt(DmaFormat.CODE_BITS)));
        bank.uint("ERROR_INDEX_value").set(input("st_error_index", UInt(SequencerConfig.INDEX_BITS)));
        bank.uint("ID_value").set(uint(ID, 32));
        bank.uint("COUNTERS_value").set(uint(regs.size() - COUNTER_BASE / 4, 32));
        for (Counter c : p.counters()) {
            UInt v = input("cnt_" + c.name(), UInt(c.bits()));
            String n = c.name().toUpperCase(Locale.ROOT);
            if (c.registers() == 1) {
                bank.uint(n + "_value").set(v.zext(32));
            } else {
                bank.uint(n + "_LO_value").set(v.slice(31, 0));
                bank.uint(n + "_HI_value").set(v.slice(c.bits() - 1, 32).zext(32));
            }
        }
    }
}
