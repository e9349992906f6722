package sohu.hdl.examples;

import java.util.List;
import java.util.function.Supplier;
import sohu.hdl.Elaborator;
import sohu.hdl.ir.Circuit;
import sohu.hdl.lib.Counter;
import sohu.hdl.lib.Queue;
import sohu.hdl.lib.RoundRobinArbiter;
import sohu.hdl.lib.SkidBuffer;
import sohu.hdl.lib.ValidPipe;

/** The language's example designs, by name: what {@code ./sohu generate examples} writes and the tests check. */
public final class Examples {
    private Examples() { }

    /** A named example and how to elaborate it. */
    public record Example(String name, String description, Supplier<Circuit> elaborate) { }

    /** Every example, in a fixed order. */
    public static List<Example> all() {
        return List.of(
                new Example("counter", "8-bit counter with enable, clear and wrap at 200",
                        () -> Elaborator.elaborate(Counter.class, new Counter.Params(8, 200))),
                new Example("fifo", "ready/valid FIFO, 8-bit words, 4 deep",
                        () -> Elaborator.elaborate(Queue.class, new Queue.Params(8, 4))),
                new Example("skid", "skid buffer, 16-bit words",
                        () -> Elaborator.elaborate(SkidBuffer.class, new SkidBuffer.Params(16))),
                new Example("arbiter", "round-robin arbiter over 5 requesters",
                        () -> Elaborator.elaborate(RoundRobinArbiter.class, new RoundRobinArbiter.Params(5))),
                new Example("pipe", "valid pipeline, 12 bits, 3 stages",
                        () -> Elaborator.elaborate(ValidPipe.class, new ValidPipe.Params(12, 3))),
                new Example("ram", "1R1W memory, 16 x 32 bits, with initial contents",
                        () -> Elaborator.elaborate(DualPortRam.class, new DualPortRam.Params(16, 32, true))),
                new Example("multiplier", "signed 12x12 multiplier, 3 pipeline stages",
                        () -> Elaborator.elaborate(PipelinedMultiplier.class, new PipelinedMultiplier.Params(12, 3))),
                new Example("ram1rw", "1RW memory, 64 x 16 bits",
                        () -> Elaborator.elaborate(SinglePortRam.class, new SinglePortRam.Params(16, 64))),
                new Example("fsm", "enum state machine with a switch, a bundle port, a vector register and async reset",
                        () -> Elaborator.elaborate(SerialTransmitter.class)),
                new Example("blackbox", "two SystemVerilog pop-count black boxes",
                        () -> Elaborator.elaborate(PopCountUser.class)),
                new Example("checked", "counter with an assertion, an assumption, a cover point and a print",
                        () -> Elaborator.elaborate(CheckedCounter.class, new CheckedCounter.Params(4, 9, 12))),
                new Example("maxsum", "ready/valid max-and-sum reduction of packets ending at a last flag",
                        () -> Elaborator.elaborate(MaxSum.class, new MaxSum.Params(16, 24))),
                new Example("axilite", "AXI4-Lite slave with four registers from the register-bank generator",
                        AxiLiteRegs::elaborate),
                new Example("scalearray", "a Vec of 4 parameterized submodules with Bundle ports",
                        () -> Elaborator.elaborate(ScaleArray.class, new ScaleArray.Params(4, 8))),
                new Example("crossing", "two clock domains: words through a handshake synchronizer, a flag through a 2-flop one",
                        () -> Elaborator.elaborate(ClockCrossing.class, new ClockCrossing.Params(8))));
    }

    /** The example of that name; throws with the list of names otherwise. */
    public static Example byName(String name) {
        return all().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("no example '" + name + "'; choose one of "
                        + all().stream().map(Example::name).toList()));
    }
}
