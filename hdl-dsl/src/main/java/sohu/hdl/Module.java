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
    }

    // ---------------------------------------------------------------- naming and options

    /** Sets the emitted module name (default: class name and parameters). */
    protected final void name(String moduleName) {
        if (!moduleName.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw b.misuse("'" + moduleName + "' is not a usable module name", "use letters, digits and '_'");
        }
        b.name = moduleName;
    }

    /** Registers with a reset value in this module use an asynchronous reset. */
    protected final void asyncReset() {
        b.resetAsync = true;
    }

    // ---------------------------------------------------------------- declarations

    /** An input port. */
    protected final <D extends Data> D input(String name, HwType<D> type) {
        SourceLoc at = SourceLoc.capture();
        return b.declare(name, type, (n, w, s) -> b.port(n, Port.Direction.INPUT, w, s, at));
    }

    /** An output port; it must be driven on every path. */
    protected final <D extends Data> D output(String name, HwType<D> type) {
        SourceLoc at = SourceLoc.capture();
        return b.declare(name, type, (n, w, s) -> b.port(n, Port.Direction.OUTPUT, w, s, at));
    }

    /** A stream this module receives: valid and payload are inputs, ready an output. */
    protected final <D extends Data> Stream<D> streamIn(String name, HwType<D> payload) {
        Bool valid = input(name + "_valid", new HwType.BoolType());
        Bool ready = output(name + "_ready", new HwType.BoolType());
        return new Stream<>(valid, ready, input(name + "_payload", payload));
    }

    /** A stream this module sends: valid and payload are outputs, ready an input. */
    protected final <D extends Data> Stream<D> streamOut(String name, HwType<D> payload) {
        Bool valid = output(name + "_valid", new HwType.BoolType());
        Bool ready = input(name + "_ready", new HwType.BoolType());
        return new Stream<>(valid, ready, output(name + "_payload", payload));
    }

    /** A combinational wire; it must be driven on every path (no latches). */
    protected final <D extends Data> D wire(String name, HwType<D> type) {
        SourceLoc at = SourceLoc.capture();
        return b.declare(name, type, (n, w, s) -> b.signal(n, Signal.Kind.WIRE, w, s, null, at));
    }

    /** A register without reset, clocked by {@code clk}; it holds its value unless driven. */
    protected final <D extends Data> D reg(String name, HwType<D> type) {
        SourceLoc at = SourceLoc.capture();
        b.clock();
        return b.declare(name, type, (n, w, s) -> b.signal(n, Signal.Kind.REG, w, s, null, at));
    }

    /** A register reset to {@code init} (every leaf) by {@code rst}. */
    protected final <D extends Data> D reg(String name, HwType<D> type, long init) {
        SourceLoc at = SourceLoc.capture();
        b.reset();
        return b.declare(name, type, (n, w, s) ->
                b.signal(n, Signal.Kind.REG, w, s, Bits.pattern(init, w, s, b), at));
    }

    /** A memory of {@code depth} words of {@code width} bits with synchronous read. */
    protected final Mem mem(String name, int width, int depth) {
        return mem(name, width, depth, List.of());
    }

    /** A memory with initial contents (word 0 first; fewer words than depth leave the rest zero). */
    protected final Mem mem(String name, int width, int depth, List<BigInteger> init) {
        if (width < 1 || depth < 1 || init.size() > depth) {
            throw b.misuse("memory '" + name + "' needs width >= 1, depth >= 1 and at most depth initial words",
                    "check width, depth and the initial contents");
        }
        return new Mem(b, b.memory(name, width, depth, init, SourceLoc.capture()));
    }

    /** An instance of a generator with parameters (elaborated once per distinct parameters). */
    protected final <P> InstanceHandle instance(String name, Class<? extends Module> generator, P params) {
        return Elaborator.instantiate(b, name, generator, params, SourceLoc.capture());
    }

    /** An instance of a generator without parameters. */
    protected final InstanceHandle instance(String name, Class<? extends Module> generator) {
        return Elaborator.instantiate(b, name, generator, null, SourceLoc.capture());
    }

    /**
     * Gives a value a name: a wire driven by {@code value}, so a shared sub-expression is
     * computed once in the emitted SystemVerilog and shows up in waveforms.
     */
    @SuppressWarnings("unchecked")
    protected final <T extends Bits> T named(String name, T value) {
        Bits w = value.expr().signed()
                ? wire(name, new HwType.SIntType(value.width()))
                : value instanceof Bool ? wire(name, new HwType.BoolType()) : wire(name, new HwType.UIntType(value.width()));
        w.set(value);
        return (T) w;
    }

    // ---------------------------------------------------------------- control

    /** Statements in {@code body} take effect when {@code cond} is true. */
    protected final WhenChain when(Bool cond, Runnable body) {
        return WhenChain.start(b, cond, body);
    }

    /** A {@code case} over the values of {@code subject}. */
    protected final SwitchBuilder switchOn(UInt subject) {
        return new SwitchBuilder(b, subject);
    }

    // ---------------------------------------------------------------- constants and implicit signals

    /** An unsigned constant. */
    protected final UInt uint(long value, int width) {
        return new UInt(b, new Expr.Lit(Bits.pattern(value, width, false, b), width, false));
    }

    /** An unsigned constant of any width. */
    protected final UInt uint(BigInteger value, int width) {
        if (value.signum() < 0 || value.bitLength() > width) {
            throw b.misuse("constant " + value + " does not fit in " + width + " bits", "widen the constant");
        }
        return new UInt(b, new Expr.Lit(value, width, false));
    }

    /** A signed constant. */
    protected final SInt sint(long value, int width) {
        return new SInt(b, new Expr.Lit(Bits.pattern(value, width, true, b), width, true));
    }

    /** A one-bit constant. */
    protected final Bool bool(boolean value) {
        return new Bool(b, new Expr.Lit(value ? BigInteger.ONE : BigInteger.ZERO, 1, false));
    }

    /** The encoding of an enum value, emitted as a named localparam. */
    protected final <E extends Enum<E>> UInt enumValue(E value) {
        HwType.EnumType<E> t = new HwType.EnumType<>(value.getDeclaringClass());
        String symbol = (value.getDeclaringClass().getSimpleName() + "_" + value.name()).toUpperCase(java.util.Locale.ROOT);
        return new UInt(b, b.symbol(symbol, BigInteger.valueOf(value.ordinal()), t.width()));
    }

    /** The clock input {@code clk} (added if absent). */
    protected final Bool clock() {
        return b.clock();
    }

    /** The reset input {@code rst} (added if absent). */
    protected final Bool reset() {
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
