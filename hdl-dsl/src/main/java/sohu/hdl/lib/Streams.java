package sohu.hdl.lib;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.Stream;
import static sohu.hdl.Types.UInt;
import static sohu.hdl.Types.Vec;

import java.util.ArrayList;
import java.util.List;
import sohu.hdl.Bits;
import sohu.hdl.Bool;
import sohu.hdl.Data;
import sohu.hdl.Hw;
import sohu.hdl.HwType;
import sohu.hdl.InstanceHandle;
import sohu.hdl.Module;
import sohu.hdl.Stream;
import sohu.hdl.Types;
import sohu.hdl.UInt;
import sohu.hdl.Vec;

/**
 * Library blocks over ready/valid streams of any payload type (bundles included), built in
 * the module under construction ({@link Module#current()}); {@code widen} and {@code narrow}
 * adapt the width of bit streams. Each returns the streams it
 * produces as wires named after {@code name}: their valid and payload are driven here,
 * their ready must be driven by the consumer (usually {@code consumer.set(produced)}).
 */
public final class Streams {
    private Streams() { }

    /** A FIFO of {@code depth} entries ({@link Queue}, payload packed to bits and back). */
    public static <D extends Data> Stream<D> queue(String name, Stream<D> in, int depth) {
        Module m = Module.current();
        HwType<D> t = Types.typeOf(in.payload());
        var q = m.instance(name, Queue.class, new Queue.Params(t.width(), depth));
        return through(m, name, in, t, q, "enq", "deq");
    }

    /** A skid buffer: registered valid, payload and ready, full throughput ({@link SkidBuffer}). */
    public static <D extends Data> Stream<D> skid(String name, Stream<D> in) {
        Module m = Module.current();
        HwType<D> t = Types.typeOf(in.payload());
        var s = m.instance(name, SkidBuffer.class, new SkidBuffer.Params(t.width()));
        return through(m, name, in, t, s, "in", "out");
    }

    private static <D extends Data> Stream<D> through(Module m, String name, Stream<D> in, HwType<D> t,
                                                      sohu.hdl.InstanceHandle<?> block, String enq, String deq) {
        block.bool(enq + "_valid").set(in.valid());
        block.uint(enq + "_payload").set(in.payload().asUInt());
        in.ready().set(block.bool(enq + "_ready"));
        Stream<D> out = m.wire(name + "_stream", Stream(t)); // the block's pins are name_in_*, name_out_*, ...: no clash
        out.valid().set(block.bool(deq + "_valid"));
        out.payload().set(Hw.unpack(t, block.uint(deq + "_payload")));
        block.bool(deq + "_ready").set(out.ready());
        return out;
    }

    /** Every beat goes to all {@code n} consumers at once (a beat moves when all are ready). */
    public static <D extends Data> Vec<Stream<D>> fork(String name, Stream<D> in, int n) {
        Module m = Module.current();
        Vec<Stream<D>> outs = m.wire(name, Vec(Stream(Types.typeOf(in.payload())), n));
        for (int i = 0; i < n; i++) {
            Bool othersReady = in.valid();
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    othersReady = othersReady.and(outs.get(j).ready());
                }
            }
            outs.get(i).valid().set(othersReady);
            outs.get(i).payload().set(in.payload());
        }
        in.ready().set(allReady(outs.elements()));
        return outs;
    }

    /** One beat of every input together, as a Vec payload (a beat moves when all inputs are valid). */
    public static <D extends Data> Stream<Vec<D>> join(String name, List<Stream<D>> ins) {
        Module m = Module.current();
        HwType<D> t = Types.typeOf(ins.get(0).payload());
        Stream<Vec<D>> out = m.wire(name, Stream(Vec(t, ins.size())));
        Bool all = ins.get(0).valid();
        for (int i = 1; i < ins.size(); i++) {
            all = all.and(ins.get(i).valid());
        }
        out.valid().set(all);
        for (int i = 0; i < ins.size(); i++) {
            out.payload().get(i).set(ins.get(i).payload());
            ins.get(i).ready().set(out.ready().and(all));
        }
        return out;
    }

    /** Fixed-priority arbiter: the lowest-numbered valid input wins each beat. */
    public static <D extends Data> Stream<D> arbiter(String name, List<Stream<D>> ins) {
        Module m = Module.current();
        int n = ins.size();
        UInt choice = m.uint(n - 1, Types.bitsFor(n));
        for (int i = n - 2; i >= 0; i--) {
            choice = Hw.mux(ins.get(i).valid(), m.uint(i, choice.width()), choice);
        }
        return mux(name, ins, m.named(name + "_grant", choice));
    }

    /**
     * Round-robin arbiter: each beat goes to the first valid input after the last one served
     * ({@link RoundRobinArbiter}), so every input that stays valid is served within
     * {@code ins.size()} beats. As with {@link #arbiter}, the choice may change while the
     * output waits if another input becomes valid.
     */
    public static <D extends Data> Stream<D> roundRobin(String name, List<Stream<D>> ins) {
        Module m = Module.current();
        if (ins.size() < 2) {
            return mux(name, ins, m.uint(0, 1));
        }
        InstanceHandle<RoundRobinArbiter> rr = m.instance(name + "_rr", RoundRobinArbiter.class,
                new RoundRobinArbiter.Params(ins.size()));
        List<Bits> valids = new ArrayList<>();
        for (int i = ins.size() - 1; i >= 0; i--) {
            valids.add(ins.get(i).valid()); // most significant first: bit i is input i
        }
        rr.uint("req").set(Hw.cat(valids));
        Stream<D> out = mux(name, ins, m.named(name + "_grant", rr.uint("grant_index")));
        rr.bool("accept").set(out.fire()); // the priority moves on only when a beat is taken
        return out;
    }

    /** The input chosen by {@code select} passes; the others wait. */
    public static <D extends Data> Stream<D> mux(String name, List<Stream<D>> ins, UInt select) {
        Module m = Module.current();
        Stream<D> out = m.wire(name, Stream(Types.typeOf(ins.get(0).payload())));
        List<Bool> valids = new ArrayList<>();
        List<D> payloads = new ArrayList<>();
        for (int i = 0; i < ins.size(); i++) {
            valids.add(ins.get(i).valid());
            payloads.add(ins.get(i).payload());
            ins.get(i).ready().set(out.ready().and(select.eq(i)));
        }
        out.valid().set(Vec.of(valids).get(select));
        out.payload().set(Vec.of(payloads).get(select));
        return out;
    }

    /** Each beat goes to the output chosen by {@code select}. */
    public static <D extends Data> Vec<Stream<D>> demux(String name, Stream<D> in, UInt select, int n) {
        Module m = Module.current();
        Vec<Stream<D>> outs = m.wire(name, Vec(Stream(Types.typeOf(in.payload())), n));
        List<Bool> readies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            outs.get(i).valid().set(in.valid().and(select.eq(i)));
            outs.get(i).payload().set(in.payload());
            readies.add(outs.get(i).ready());
        }
        in.ready().set(Vec.of(readies).get(select));
        return outs;
    }

    /** Width adapter: {@code k} beats of {@code in} become one beat {@code k} times as wide, the first beat least significant. */
    public static Stream<UInt> widen(String name, Stream<UInt> in, int k) {
        Module m = Module.current();
        int w = in.payload().width();
        Stream<UInt> out = m.wire(name, Stream(UInt(k * w)));
        UInt acc = m.reg(name + "_acc", UInt(k * w));
        UInt count = m.reg(name + "_count", UInt(Types.bitsFor(k)), 0);
        Bool full = m.reg(name + "_full", Bool(), 0);
        Bool outFire = out.fire();
        in.ready().set(full.not().or(out.ready()));
        out.valid().set(full);
        out.payload().set(acc);
        m.when(in.fire(), () -> {
            acc.set(k == 1 ? in.payload() : in.payload().cat(acc.slice(k * w - 1, w)));
            m.when(count.eq(k - 1), () -> {
                count.set(0);
                full.set(true);
            }).otherwise(() -> {
                count.set(count.addWrap(1));
                m.when(outFire, () -> full.set(false));
            });
        }).elseWhen(outFire, () -> full.set(false));
        return out;
    }

    /** Width adapter: each beat of {@code in} becomes {@code k} beats of 1/k its width, least significant first. */
    public static Stream<UInt> narrow(String name, Stream<UInt> in, int k) {
        Module m = Module.current();
        int w = in.payload().width() / k;
        if (w * k != in.payload().width()) {
            throw new IllegalArgumentException("narrow: " + in.payload().width() + " bits do not split into " + k + " beats");
        }
        Stream<UInt> out = m.wire(name, Stream(UInt(w)));
        UInt buf = m.reg(name + "_buf", UInt(k * w));
        UInt count = m.reg(name + "_count", UInt(Types.bitsFor(k)), 0);
        Bool busy = m.reg(name + "_busy", Bool(), 0);
        in.ready().set(busy.not());
        out.valid().set(busy);
        out.payload().set(buf.slice(w - 1, 0));
        m.when(in.fire(), () -> {
            buf.set(in.payload());
            count.set(0);
            busy.set(true);
        }).elseWhen(out.fire(), () -> {
            buf.set(buf.shr(w));
            count.set(count.addWrap(1));
            m.when(count.eq(k - 1), () -> busy.set(false));
        });
        return out;
    }

    /**
     * Width adapter over any payload (bundles too): {@code k} beats of {@code in} become one beat
     * of a {@code k}-element Vec, element 0 the first beat ({@link #widen} on the packed bits).
     */
    public static <D extends Data> Stream<Vec<D>> widenVec(String name, Stream<D> in, int k) {
        Module m = Module.current();
        HwType<D> type = Types.typeOf(in.payload());
        Stream<UInt> bits = m.wire(name + "_in", Stream(UInt(in.payload().asUInt().width())));
        bits.valid().set(in.valid());
        bits.payload().set(in.payload().asUInt());
        in.ready().set(bits.ready());
        Stream<UInt> wide = widen(name + "_bits", bits, k);
        Stream<Vec<D>> out = m.wire(name, Stream(Vec(type, k)));
        out.valid().set(wide.valid());
        int w = type.width();
        for (int i = 0; i < k; i++) {
            out.payload().get(i).set(Hw.unpack(type, wide.payload().slice((i + 1) * w - 1, i * w)));
        }
        wide.ready().set(out.ready());
        return out;
    }

    /**
     * Width adapter over any payload: each beat of a Vec payload becomes one beat per element,
     * element 0 first ({@link #narrow} on the packed bits).
     */
    public static <D extends Data> Stream<D> narrowVec(String name, Stream<Vec<D>> in) {
        Module m = Module.current();
        int k = in.payload().size();
        HwType<D> type = Types.typeOf(in.payload().get(0));
        // Element 0 in the least significant bits, so narrow sends it first.
        List<Bits> parts = new ArrayList<>();
        for (int i = k - 1; i >= 0; i--) {
            parts.add(in.payload().get(i).asUInt());
        }
        Stream<UInt> bits = m.wire(name + "_in", Stream(UInt(Hw.cat(parts).width())));
        bits.valid().set(in.valid());
        bits.payload().set(Hw.cat(parts));
        in.ready().set(bits.ready());
        Stream<UInt> slim = narrow(name + "_bits", bits, k);
        Stream<D> out = m.wire(name, Stream(type));
        out.valid().set(slim.valid());
        out.payload().set(Hw.unpack(type, slim.payload()));
        slim.ready().set(out.ready());
        return out;
    }

    private static <D extends Data> Bool allReady(List<Stream<D>> outs) {
        Bool all = outs.get(0).ready();
        for (int i = 1; i < outs.size(); i++) {
            all = all.and(outs.get(i).ready());
        }
        return all;
    }
}
