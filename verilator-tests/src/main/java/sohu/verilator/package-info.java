/**
 * The Verilator bridge: build a SystemVerilog design into a shared library once (cached), then
 * simulate it in-process from Java.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * try (Sim sim = Sim.open(new SimSource("counter", files, ports))) {
 *     Sim.Port en = sim.port("en"), count = sim.port("count");
 *     sim.reset(2);
 *     en.set(1);
 *     sim.step(10);
 *     sim.expect(count, 10);
 * }
 * }</pre>
 * {@link sohu.verilator.Testbench} steps {@link sohu.verilator.Agent}s around each clock edge.
 *
 * <h2>Build</h2>
 * {@link sohu.verilator.SimBuilder} runs {@code verilator --cc --exe} with a generated C++ shim and
 * default (fatal) lint, then {@code make OBJCACHE=ccache}, linking model, runtime and shim into
 * {@code libV<top>.so} with hidden symbols except one: {@code sohu_sim_api()}, a table of plain-C
 * functions. Results live under {@code ~/.cache/sohu-verilator} (or {@code -Dsohu.verilator.cache}),
 * keyed by SHA-256 of sources, include files, flags, shim text and {@code verilator --version};
 * entries are built in a temporary folder and renamed into place, under a thread lock plus a file
 * lock, so any number of threads and JVMs can build at once.
 *
 * <h2>Several designs in one JVM</h2>
 * A JVM binds a native method to one symbol, so per-design JNI functions would clash. Instead a
 * single fixed JNI library (the dispatcher, compiled once per JDK and cached) backs the static
 * natives of {@code NativeSim}; it {@code dlopen}s each design library with {@code RTLD_LOCAL} and
 * calls its function table through pointers, passing an instance handle. Designs (even two with the
 * same top name) and instances (each with its own {@code VerilatedContext}) therefore coexist.
 *
 * <h2>Speed</h2>
 * Port reads and writes go straight to the model's variables through direct byte buffers (no JNI
 * call); {@code step()} is one JNI call running clock low, eval, clock high, eval. The history ring
 * for failure messages is recorded natively inside that call.
 */
package sohu.verilator;
