package sohu.constraints;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.SInt;
import static sohu.hdl.Types.UInt;

import java.util.List;
import sohu.hdl.BlackBox;

/**
 * An already generated design seen as a black box (its files are supplied separately), so a
 * wrapper written in the language can instantiate it.
 */
final class DesignBox extends BlackBox {
    /** The design's module name and ports. */
    public record Params(String module, List<PortShape> ports) { }

    DesignBox(Params p) {
        super(null);
        name(p.module());
        for (PortShape s : p.ports()) {
            if (s.implicit()) {
                if (s.name().equals(DesignTiming.CLOCK_PORT)) {
                    clock();
                } else {
                    reset();
                }
            } else if (s.input()) {
                if (s.signed()) {
                    input(s.name(), SInt(s.width()));
                } else if (s.width() == 1) {
                    input(s.name(), Bool());
                } else {
                    input(s.name(), UInt(s.width()));
                }
            } else if (s.signed()) {
                output(s.name(), SInt(s.width()));
            } else if (s.width() == 1) {
                output(s.name(), Bool());
            } else {
                output(s.name(), UInt(s.width()));
            }
        }
    }
}
