package sohu.hdl.lib;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.UInt;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import sohu.hdl.Bool;
import sohu.hdl.Bundle;
import sohu.hdl.Hw;
import sohu.hdl.Module;
import sohu.hdl.UInt;

/**
 * An AXI4-Lite slave built from a declaration of registers and their fields (like
 * SpinalHDL's bus slave factory). Register i sits at byte offset 4*i. A read-write field
 * is a register inside the bank, driven out on the port {@code <reg>_<field>}; a
 * read-only field is read from the input port of that name. Writes honour {@code wstrb};
 * an access beyond the last register answers SLVERR. One write and one read are
 * handled at a time; AW and W are accepted together.
 */
public final class AxiLiteRegBank extends Module {
    /** Whether software may write a field. */
    public enum Access { RW, RO }

    /** A field: bits {@code lsb .. lsb+width-1} of its register, reset to {@code reset}. */
    public record Field(String name, int lsb, int width, Access access, long reset) { }

    /** A 32-bit register made of fields. */
    public record Reg(String name, List<Field> fields) {
        /** A register that is one read-write field of 32 bits. */
        public static Reg rw(String name, long reset) {
            return new Reg(name, List.of(new Field("value", 0, 32, Access.RW, reset)));
        }

        /** A register that is one read-only field of 32 bits. */
        public static Reg ro(String name) {
            return new Reg(name, List.of(new Field("value", 0, 32, Access.RO, 0)));
        }
    }

    /** The registers, in address order, and the module name. */
    public record Params(String name, int addrWidth, List<Reg> regs) {
        /** Copies the list. */
        public Params {
            regs = List.copyOf(regs);
        }
    }

    /** Builds the slave. */
    public AxiLiteRegBank(Params p) {
        name(p.name());
        validate(p);
        Bundle axi = input("s_axi", Axi4.lite(p.addrWidth(), 32));
        List<UInt> words = new ArrayList<>(); // the read value of each register
        UInt wordAddr = axi.uint("awaddr").slice(p.addrWidth() - 1, 2);
        UInt readAddr = axi.uint("araddr").slice(p.addrWidth() - 1, 2);

        Bool bvalid = reg("bvalid_q", Bool(), 0);
        Bool writing = axi.bool("awvalid").and(axi.bool("wvalid")).and(bvalid.not());
        UInt mask = Hw.cat(byteMask(axi.uint("wstrb")));
        for (int i = 0; i < p.regs().size(); i++) {
            Reg r = p.regs().get(i);
            List<UInt> parts = new ArrayList<>();
            int next = 32;
            List<Field> byLsb = new ArrayList<>(r.fields());
            byLsb.sort((a, b) -> Integer.compare(b.lsb(), a.lsb()));
            Bool hit = writing.and(wordAddr.eq(i));
            for (Field f : byLsb) {
                if (f.lsb() + f.width() < next) {
                    parts.add(uint(0, next - f.lsb() - f.width()));
                }
                String port = r.name() + "_" + f.name();
                UInt value;
                if (f.access() == Access.RW) {
                    value = reg(port + "_q", UInt(f.width()), f.reset());
                    UInt keep = value;
                    UInt m = mask.slice(f.lsb() + f.width() - 1, f.lsb());
                    UInt d = axi.uint("wdata").slice(f.lsb() + f.width() - 1, f.lsb());
                    when(hit, () -> keep.set(keep.and(m.not()).or(d.and(m))));
                    output(port, UInt(f.width())).set(value);
                } else {
                    value = input(port, UInt(f.width()));
                }
                parts.add(value);
                next = f.lsb();
            }
            if (next > 0) {
                parts.add(uint(0, next));
            }
            words.add(Hw.cat(parts));
        }
        axi.get("awready").set(writing);
        axi.get("wready").set(writing);
        UInt bresp = reg("bresp_q", UInt(2), 0);
        when(writing, () -> {
            bvalid.set(true);
            bresp.set(Hw.mux(wordAddr.ge(p.regs().size()), uint(Axi4.SLVERR, 2), uint(Axi4.OKAY, 2)));
        }).elseWhen(axi.bool("bready"), () -> bvalid.set(false));
        axi.get("bvalid").set(bvalid);
        axi.get("bresp").set(bresp);

        Bool rvalid = reg("rvalid_q", Bool(), 0);
        UInt rdata = reg("rdata_q", UInt(32), 0);
        UInt rresp = reg("rresp_q", UInt(2), 0);
        Bool reading = axi.bool("arvalid").and(rvalid.not());
        UInt selected = words.get(words.size() - 1);
        for (int i = words.size() - 2; i >= 0; i--) {
            selected = Hw.mux(readAddr.eq(i), words.get(i), selected);
        }
        UInt word = selected;
        when(reading, () -> {
            rvalid.set(true);
            rdata.set(Hw.mux(readAddr.ge(p.regs().size()), uint(0, 32), word));
            rresp.set(Hw.mux(readAddr.ge(p.regs().size()), uint(Axi4.SLVERR, 2), uint(Axi4.OKAY, 2)));
        }).elseWhen(axi.bool("rready"), () -> rvalid.set(false));
        axi.get("arready").set(reading);
        axi.get("rvalid").set(rvalid);
        axi.get("rdata").set(rdata);
        axi.get("rresp").set(rresp);
    }

    /** Eight copies of each strobe bit, the most significant byte first. */
    private static List<UInt> byteMask(UInt strb) {
        List<UInt> out = new ArrayList<>();
        for (int k = strb.width() - 1; k >= 0; k--) {
            out.add(Hw.fill(8, strb.bit(k)));
        }
        return out;
    }

    private static void validate(Params p) {
        if (p.regs().isEmpty() || p.addrWidth() < 3 || (1L << (p.addrWidth() - 2)) < p.regs().size()) {
            throw new IllegalArgumentException("AxiLiteRegBank needs at least one register and an address width that reaches all "
                    + p.regs().size() + " of them (at least " + (2 + Math.max(1, sohu.hdl.Types.bitsFor(p.regs().size()))) + " bits)");
        }
        Set<String> names = new HashSet<>();
        for (Reg r : p.regs()) {
            boolean[] used = new boolean[32];
            for (Field f : r.fields()) {
                if (f.width() < 1 || f.lsb() < 0 || f.lsb() + f.width() > 32 || !names.add(r.name() + "_" + f.name())) {
                    throw new IllegalArgumentException("field " + r.name() + "." + f.name() + " must lie in bits 0..31 and have a unique name");
                }
                for (int b = f.lsb(); b < f.lsb() + f.width(); b++) {
                    if (used[b]) {
                        throw new IllegalArgumentException("fields of register " + r.name() + " overlap at bit " + b);
                    }
                    used[b] = true;
                }
            }
        }
    }
}
