package sohu.constraints;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.UInt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import sohu.hdl.Bool;
import sohu.hdl.ClockDomain;
import sohu.hdl.InstanceHandle;
import sohu.hdl.Elaborator;
import sohu.hdl.Module;
import sohu.hdl.UInt;
import sohu.hdl.emit.Emitted;
import sohu.hdl.emit.OutputWriter;
import sohu.hdl.examples.Examples;
import sohu.hdl.ir.Circuit;
import sohu.hdl.ir.Instance;
import sohu.hdl.ir.ModuleDef;
import sohu.hdl.ir.Signal;
import sohu.hdl.lib.BitSynchronizer;

/** Designs the tests constrain and synthesize, and facts read back from their emitted RTL. */
final class TestDesigns {
    private TestDesigns() { }

    /** A 4-bit counter with an asynchronous reset (no example has one). */
    static final class AsyncCounter extends Module {
        AsyncCounter() {
            name("AsyncCounter4");
            asyncReset();
            Bool en = input("en", Bool());
            UInt q = output("q", UInt(4));
            UInt v = reg("v", UInt(4), 0);
            when(en, () -> v.set(v.addWrap(1)));
            q.set(v);
        }
    }

    /** The implicit clk/rst domain beside a named one with an active-low reset (no example has both). */
    static final class Mixed extends Module {
        Mixed() {
            name("Mixed");
            Bool x = input("x", Bool());
            Bool y = output("y", Bool());
            Bool r = reg("r", Bool(), 0);
            r.set(x);
            y.set(r);
            ClockDomain io = clockDomain("clk_io", "io_rstn", ClockDomain.Reset.SYNC_LOW);
            withClock(io, () -> {
                Bool q = output("io_q", Bool());
                InstanceHandle sync = instance("sync", BitSynchronizer.class, new BitSynchronizer.Params(2));
                sync.bool("d").set(r);
                q.set(sync.bool("q"));
            });
        }
    }

    /** A named circuit. */
    record Design(String name, Circuit circuit) { }

    /** Every example, plus the asynchronous-reset counter and the mixed-domain design. */
    static List<Design> all() {
        List<Design> out = new ArrayList<>();
        Examples.all().forEach(e -> out.add(new Design(e.name(), e.elaborate().get())));
        out.add(new Design("async", Elaborator.elaborate(AsyncCounter.class)));
        out.add(new Design("mixed", Elaborator.elaborate(Mixed.class)));
        return out;
    }

    static Circuit example(String name) {
        return Examples.byName(name).elaborate().get();
    }

    static Emitted emit(Circuit c, Path dir) {
        return OutputWriter.write(c, dir);
    }

    /** Register bits of the whole design: each module's registers times its instances. */
    static int registerBits(Circuit c) {
        return registerBits(c, c.topModule());
    }

    private static int registerBits(Circuit c, ModuleDef m) {
        int bits = 0;
        for (Signal s : m.signals()) {
            if (s.kind() == Signal.Kind.REG) {
                bits += s.width();
            }
        }
        for (Instance i : m.instances()) {
            bits += registerBits(c, c.module(i.module()));
        }
        return bits;
    }

    private static final Pattern PORT = Pattern.compile(
            "^\\s*(input|output)\\s+logic(?:\\s+signed)?\\s*(?:\\[(\\d+):0\\])?\\s*([A-Za-z_][A-Za-z0-9_]*),?\\s*$");

    /**
     * The top module's ports as written in its emitted .sv file (name to {direction, width}),
     * read from the text rather than the IR so the checks test what tools will see.
     */
    static Map<String, String[]> portsInRtl(Emitted e) throws IOException {
        Path top = e.dir().resolve(e.top() + ".sv");
        Map<String, String[]> ports = new LinkedHashMap<>();
        boolean inHeader = false;
        for (String line : Files.readAllLines(top)) {
            if (line.startsWith("module " + e.top() + " ")) {
                inHeader = true;
            } else if (inHeader && line.trim().startsWith(");")) {
                break;
            } else if (inHeader) {
                Matcher m = PORT.matcher(line);
                if (m.matches()) {
                    int width = m.group(2) == null ? 1 : Integer.parseInt(m.group(2)) + 1;
                    ports.put(m.group(3), new String[] {m.group(1), Integer.toString(width)});
                }
            }
        }
        if (ports.isEmpty()) {
            throw new AssertionError("no ports found in " + top);
        }
        return ports;
    }
}
