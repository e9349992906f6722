package sohu.core.fp.rtl;

import java.util.Map;
import sohu.core.fp.FpFormat;
import sohu.hdl.Elaborator;
import sohu.hdl.ir.Circuit;

/**
 * The standalone FMA design that {@code sohu generate fma} writes: an {@link FmaTile} as the
 * top module, with exactly the ports {@code clk}, {@code rst}, {@code in_valid}, {@code a},
 * {@code b}, {@code c}, {@code out_valid}, {@code out}.
 */
public final class FmaTop {
    private FmaTop() {
    }

    /** Elaborates the tile for an input format and a latency (1..4). */
    public static Circuit elaborate(FpFormat format, int latency) {
        return Elaborator.elaborate(FmaTile.class, new FmaTile.Params(format, latency));
    }

    /** Manifest attributes of that design ({@code kind}, {@code format}, {@code latency}, ...). */
    public static Map<String, Object> manifestAttributes(FpFormat format, int latency) {
        return new FmaTile.Params(format, latency).manifestAttributes();
    }
}
