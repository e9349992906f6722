package sohu.verilator;

import java.util.Objects;

/**
 * One port of the simulated top module.
 *
 * @param name  port name as written in the SystemVerilog source
 * @param width width in bits (at least 1)
 * @param dir   direction seen from the design
 */
public record SimPort(String name, int width, Direction dir) {

    /** Port direction, seen from the design. */
    public enum Direction { INPUT, OUTPUT, INOUT }

    /** Validates the components. */
    public SimPort {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dir, "dir");
        if (name.isBlank()) throw new IllegalArgumentException("blank port name");
        if (width < 1) throw new IllegalArgumentException("port " + name + ": width " + width + " < 1");
    }

    /** An input port. */
    public static SimPort in(String name, int width) {
        return new SimPort(name, width, Direction.INPUT);
    }

    /** An output port. */
    public static SimPort out(String name, int width) {
        return new SimPort(name, width, Direction.OUTPUT);
    }

    /** Whether a testbench may drive this port. */
    public boolean drivable() {
        return dir != Direction.OUTPUT;
    }

    /** Compact text form {@code name width dir}, used in cache manifests. */
    String spec() {
        return name + " " + width + " " + dir;
    }

    static SimPort parseSpec(String line) {
        String[] f = line.trim().split(" ");
        if (f.length != 3) throw new IllegalArgumentException("bad port spec: " + line);
        return new SimPort(f[0], Integer.parseInt(f[1]), Direction.valueOf(f[2]));
    }
}
