package sohu.hdl;

import java.math.BigInteger;
import java.util.List;
import sohu.hdl.ir.Expr;
import sohu.hdl.ir.Port;
import sohu.hdl.ir.Signal;
import sohu.hdl.ir.SourceLoc;

/**
 * Base class of hardware generators: the subclass's constructor builds the hardware by
 * declaring ports, wires, registers, memories and instances and connecting them.
 * Modules are constructed by {@link Elaborator} or {@link #instance}, never with
 * {@code new} directly. A generator takes at most one constructor argument, its
 * parameters (ideally a record); value-equal parameters elaborate once.
 *
 * <p>Registers use the implicit clock {@code clk} and, when they have a reset value, the
 * active-high reset {@code rst} (synchronous unless {@link #asyncReset()}); both ports
 * appear on first use and are wired to the parent's automatically.
 */
public abstract class Module {
    private final ModuleBuilder b;

    /** Attaches the new module to the builder its elaborator prepared. */
    protected Module() {
        ElabContext ctx = ElabContext.current();
        ModuleBuilder pending = ctx == null ? null : ctx.pendingBuilder();
        if (pending == null) {
            throw new IllegalStateException("construct modules with Elaborator.elaborate(...) or instance(...), not with new");
        }
        this.b = pending;
        pending.module = this;
    }

    /**
     * The module whose constructor is running on this thread: the builder context for
     * helpers written outside Module subclasses ({@code Module.current().reg(...)}).
     */
    public static Module current() {
        ElabContext ctx = ElabContext.current();
        ModuleBuilder top = ctx == null ? null : ctx.stack.peek();
        if (top == null || top.module == null) {
            throw new IllegalStateException("no module is being built on this thread; call this from a generator's constructor");
        }
        return top.module;
    }

    // ---------------------------------------------------------------- naming and options

    /** Sets the emitted module name (default: class name and parameters). */
    public final void name(String moduleName) {
        if (!ModuleBuilder.isIdentifier(moduleName)) {
            b.usage("'" + moduleName + "' is not a usable module name", "use letters, digits and '_', starting with a letter");
        } else if (Keywords.RESERVED.contains(moduleName)) {
            b.usage("'" + moduleName + "' is a SystemVerilog keyword and cannot name a module",
                    "choose another name, e.g. '" + moduleName + "_m'");
        } else {
            b.name = moduleName;
        }
    }

    /** Registers with a reset value in this module use an asynchronous reset. */
    public final void asyncReset() {
        b.resetAsync = true;
    }

    // ---------------------------------------------------------------- declarations

    /** An input port (of an aggregate: every leaf an input, except flipped fields, which are outputs). */
    public final <D extends Data> D input(String name, HwType<D> type) {
        return port(name, type, Port.Direction.INPUT, Port.Direction.OUTPUT);
    }

    /** An output port; it must be driven on every path (flipped fields of an aggregate are inputs). */
    public final <D extends Data> D output(String name, HwType<D> type) {
        return port(name, type, Port.Direction.OUTPUT, Port.Direction.INPUT);
    }

    private <D extends Data> D port(String name, HwType<D> type, Port.Direction dir, Port.Direction flippedDir) {
        SourceLoc at = SourceLoc.capture();
        return b.declare(name, type, (n, w, s, flipped) -> b.port(n, flipped ? flippedDir : dir, w, s, at), false);
    }

    /** A stream this module receives: valid and payload are inputs, ready an output. */
    public final <D extends Data> Stream<D> streamIn(String name, HwType<D> payload) {
        return input(name, new HwType.StreamType<>(payload));
    }

    /** A stream this module sends: valid and payload are outputs, ready an input. */
    public final <D extends Data> Stream<D> streamOut(String name, HwType<D> payload) {
        return output(name, new HwType.StreamType<>(payload));
    }

    /** A combinational wire; it must be driven on every path (no latches). */
    public final <D extends Data> D wire(String name, HwType<D> type) {
        SourceLoc at = SourceLoc.capture();
        return b.declare(name, type, (n, w, s) -> b.signal(n, Signal.Kind.WIRE, w, s, null, at));
    }

    /** A register without reset, clocked by {@code clk}; it holds its value unless driven. */
    public final <D extends Data> D reg(String name, HwType<D> type) {
        SourceLoc at = SourceLoc.capture();
        b.clock();
        return b.declare(name, type, (n, w, s) -> b.signal(n, Signal.Kind.REG, w, s, null, at));
    }

    /**
     * A register reset by {@code rst} to {@code init}, the bit pattern of the whole value
     * (an aggregate's first field most significant, as {@link Data#asUInt()} packs it):
     * 0 clears every field, -1 sets every bit. A signed register takes a signed value.
     */
    public final <D extends Data> D reg(String name, HwType<D> type, long init) {
        return reg(name, type, BigInteger.valueOf(init));
    }

    /** A register reset to the bit pattern {@code init}, of any width (see {@link #reg(String, HwType, long)}). */
    public final <D extends Data> D reg(String name, HwType<D> type, BigInteger init) {
        SourceLoc at = SourceLoc.capture();
        b.reset();
        int total = type.width();
        boolean signed = type instanceof HwType.SIntType;
        boolean fits = init.signum() >= 0 ? init.bitLength() <= total - (signed ? 1 : 0) : init.bitLength() < total + (signed ? 0 : 1);
        BigInteger packed = init.signum() < 0 ? init.add(BigInteger.ONE.shiftLeft(total)) : init;
        if (!fits) {
            b.usage("reset value " + init + " does not fit in the " + total + " bits of register '" + name + "'",
                    "use a value of at most " + total + " bits (-1 sets every bit)");
            packed = BigInteger.ZERO;
        }
        BigInteger bits = packed;
        int[] below = {total};
        return b.declare(name, type, (n, w, s) -> {
            below[0] -= w;
            BigInteger leaf = bits.shiftRight(below[0]).and(BigInteger.ONE.shiftLeft(w).subtract(BigInteger.ONE));
            b.signal(n, Signal.Kind.REG, w, s, leaf, at);
        });
    }

    /**
     * A register reset to a constant value of its type, field by field: for example
     * {@code reg("r", T, Hw.unpack(T, uint(0x12, 8)))} or a constant bundle.
     */
    public final <D extends Data> D reg(String name, HwType<D> type, D init) {
        BigInteger packed = BigInteger.ZERO;
        int width = 0;
        for (Bits leaf : init.leaves()) {
            if (!(leaf.expr instanceof sohu.hdl.ir.Expr.Lit lit)) {
                b.usage("the reset value of register '" + name + "' is not a constant (" + leaf + ")",
                        "reset registers to constants: literals, enum values or Hw.unpack of a literal");
                return reg(name, type, 0);
            }
            packed = packed.shiftLeft(lit.width()).or(lit.bits());
            width += lit.width();
        }
        if (width != type.width()) {
            b.usage("the reset value of register '" + name + "' has " + width + " bits, its type " + type.width(),
                    "give a reset value of the register's type");
            return reg(name, type, 0);
        }
        return reg(name, type, packed);
    }

    /** {@code x} delayed by one clock cycle (a register without reset named {@code name}). */
    public final <D extends Data> D regNext(String name, D x) {
        D r = reg(name, Shapes.typeOf(x));
        r.set(x);
        return r;
    }

    /** A register that loads {@code x} when {@code en} is high and holds otherwise. */
    public final <D extends Data> D regEnable(String name, D x, Bool en) {
        D r = reg(name, Shapes.typeOf(x));
        when(en, () -> r.set(x));
        return r;
    }

    /** {@code x} delayed by {@code n} cycles through registers {@code name_0 .. name_(n-1)} (n = 0: x itself). */
    public final <D extends Data> D shiftRegister(String name, D x, int n) {
        D at = x;
        for (int i = 0; i < n; i++) {
            at = regNext(name + "_" + i, at);
        }
        return at;
    }

    /** A memory of {@code depth} words of {@code width} bits with synchronous read. */
    public final Mem mem(String name, int width, int depth) {
        return mem(name, width, depth, List.of());
    }

    /** A memory with initial contents (word 0 first; fewer words than depth leave the rest zero). */
    public final Mem mem(String name, int width, int depth, List<BigInteger> init) {
        if (width < 1 || depth < 1 || init.size() > depth) {
            b.usage("memory '" + name + "' needs width >= 1, depth >= 1 and at most depth initial words",
                    "check width, depth and the initial contents");
            return new Mem(b, b.memory(name, Math.max(1, width), Math.max(1, depth), List.of(), SourceLoc.capture()));
        }
        return new Mem(b, b.memory(name, width, depth, init, SourceLoc.capture()));
    }

    /**
     * An instance of a generator with parameters (elaborated once per distinct parameters).
     * Its ports are reached as typed handles with {@link InstanceHandle#io}.
     */
    public final <M extends Module, P> InstanceHandle<M> instance(String name, Class<M> generator, P params) {
        return Elaborator.instantiate(b, name, generator, params, SourceLoc.capture());
    }

    /** A memory of {@code depth} words of any type; words of a multiple of 8 bits take byte-enable masks. */
    public final <D extends Data> TypedMem<D> mem(String name, HwType<D> word, int depth) {
        return new TypedMem<>(b, this, name, word, depth);
    }

    /**
     * {@code n} instances {@code name0 .. name<n-1>} of one generator, instance i with parameters
     * {@code params.apply(i)} (a Vec of submodules); their ports are reached as vectors with
     * {@link InstanceVec#io}.
     */
    public final <M extends Module, P> InstanceVec<M> instances(String name, Class<M> generator, int n,
                                                                java.util.function.IntFunction<P> params) {
        SourceLoc at = SourceLoc.capture();
        if (n < 1) {
            b.usage("instances(\"" + name + "\", ...) asks for " + n + " instances", "ask for at least one");
        }
        List<InstanceHandle<M>> out = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Elaborator.instantiate(b, name + i, generator, params.apply(i), at));
        }
        return new InstanceVec<>(out);
    }

    /** An instance of a generator without parameters. */
    public final <M extends Module> InstanceHandle<M> instance(String name, Class<M> generator) {
        return Elaborator.instantiate(b, name, generator, null, SourceLoc.capture());
    }

    /**
     * Gives a value a name: a wire driven by {@code value}, so a shared sub-expression is
     * computed once in the emitted SystemVerilog and shows up in waveforms.
     */
    @SuppressWarnings("unchecked")
    public final <T extends Bits> T named(String name, T value) {
        Bits w = value.expr().signed()
                ? wire(name, new HwType.SIntType(value.width()))
                : value instanceof Bool ? wire(name, new HwType.BoolType()) : wire(name, new HwType.UIntType(value.width()));
        w.set(value);
        return (T) w;
    }

    // ---------------------------------------------------------------- control

    /** Statements in {@code body} take effect when {@code cond} is true. */
    public final WhenChain when(Bool cond, Runnable body) {
        return WhenChain.start(b, cond, body);
    }

    /** A {@code case} over the values of {@code subject}. */
    public final SwitchBuilder switchOn(UInt subject) {
        return new SwitchBuilder(b, subject);
    }

    // ---------------------------------------------------------------- constants and implicit signals

    /** An unsigned constant. */
    public final UInt uint(long value, int width) {
        return new UInt(b, new Expr.Lit(Bits.pattern(value, width, false, b), width, false));
    }

    /** An unsigned constant of any width. */
    public final UInt uint(BigInteger value, int width) {
        if (value.signum() < 0 || value.bitLength() > width) {
            b.usage("constant " + value + " does not fit in " + width + " bits", "widen the constant");
            return (UInt) b.poison(width, false, false);
        }
        return new UInt(b, new Expr.Lit(value, width, false));
    }

    /** A signed constant. */
    public final SInt sint(long value, int width) {
        return new SInt(b, new Expr.Lit(Bits.pattern(value, width, true, b), width, true));
    }

    /** A one-bit constant. */
    public final Bool bool(boolean value) {
        return new Bool(b, new Expr.Lit(value ? BigInteger.ONE : BigInteger.ZERO, 1, false));
    }

    /** The encoding of an enum value, emitted as a named localparam. */
    public final <E extends Enum<E>> UInt enumValue(E value) {
        HwType.EnumType<E> t = new HwType.EnumType<>(value.getDeclaringClass());
        String symbol = (value.getDeclaringClass().getSimpleName() + "_" + value.name()).toUpperCase(java.util.Locale.ROOT);
        return new UInt(b, b.symbol(symbol, BigInteger.valueOf(value.ordinal()), t.width()));
    }

    /** The clock input {@code clk} (added if absent). */
    public final Bool clock() {
        return b.clock();
    }

    /** The reset input {@code rst} (added if absent). */
    public final Bool reset() {
        return b.reset();
    }

    // ---------------------------------------------------------------- clock domains and verification

    /** A clock domain without reset: declares the input port {@code clock}. */
    protected final ClockDomain clockDomain(String clock) {
        return Domains.declare(b, clock, null, null, SourceLoc.capture());
    }

    /** A clock domain with a reset of the given kind (e.g. {@code ASYNC_LOW} for {@code aresetn}): declares both ports. */
    protected final ClockDomain clockDomain(String clock, String reset, ClockDomain.Reset kind) {
        return Domains.declare(b, clock, reset, kind, SourceLoc.capture());
    }

    /**
     * Registers, memories, instances, ports, assertions and prints declared in {@code body}
     * belong to {@code domain}; instances get its clock and (active-high) reset.
     */
    protected final void withClock(ClockDomain domain, Runnable body) {
        Domains.with(b, domain, body);
    }

    /**
     * At every rising clock edge (of the domain in scope, out of reset) at which the enclosing
     * conditions hold, {@code cond} must be true; a failure stops the simulation with the cycle,
     * {@code message} and this call's Java file:line.
     */
    protected final void assertThat(Bool cond, String message) {
        Verification.verify(b, sohu.hdl.ir.Stmt.VerifyKind.ASSERT, cond, message, SourceLoc.captureAlways());
    }

    /** A promise about the inputs, checked in simulation like {@link #assertThat} (formal tools assume it). */
    protected final void assume(Bool cond, String message) {
        Verification.verify(b, sohu.hdl.ir.Stmt.VerifyKind.ASSUME, cond, message, SourceLoc.captureAlways());
    }

    /**
     * A cover point: counts the clock edges (out of reset, enclosing conditions true) at which
     * {@code cond} holds, in the simulation-only counter {@code cover_<name>}.
     */
    protected final void cover(Bool cond, String name) {
        Verification.verify(b, sohu.hdl.ir.Stmt.VerifyKind.COVER, cond, name, SourceLoc.captureAlways());
    }

    /** Prints at every rising clock edge at which the enclosing conditions hold (simulation only); SystemVerilog specifiers. */
    protected final void display(String format, Bits... args) {
        Verification.display(b, format, args, SourceLoc.captureAlways());
    }

    /** Marks this module as a black box whose SystemVerilog is {@code source} (null: supplied by the user). */
    final void blackBox(String source) {
        b.blackBox = true;
        b.blackBoxSource = source;
    }
}
