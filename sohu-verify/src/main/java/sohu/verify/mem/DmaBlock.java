package sohu.verify.mem;

import java.util.ArrayList;
import java.util.List;
import sohu.core.array.ArrayConfig;
import sohu.core.mem.rtl.DmaConfig;
import sohu.core.mem.rtl.DmaEngine;
import sohu.hdl.Elaborator;
import sohu.verify.Block;
import sohu.verify.BlockCheck;
import sohu.verify.CheckContext;
import sohu.verify.Level;
import sohu.verilator.SimOptions;

/**
 * The DMA engine ({@link DmaChecks#CFG}, independent of the array configuration): short
 * lengths at every edge offset, random traffic (smoke 2·10^4 cycles, full 10^5, exhaustive
 * 10^6), error responses, bad descriptors; full and exhaustive add the 256-bit engine.
 */
public final class DmaBlock implements Block {
    @Override
    public String name() {
        return "dma";
    }

    @Override
    public List<BlockCheck> checks(ArrayConfig cfg, Level level) {
        long cycles = switch (level) {
            case SMOKE -> 20_000;
            case FULL -> 100_000;
            case EXHAUSTIVE -> 1_000_000;
        };
        List<BlockCheck> out = new ArrayList<>();
        for (DmaChecks.Check c : List.of(DmaChecks.shortLengths(), DmaChecks.random(cycles, 7), DmaChecks.errors(), DmaChecks.abandon(),
                DmaChecks.badDescriptors())) {
            out.add(check(DmaChecks.CFG, c));
        }
        if (level != Level.SMOKE) {
            out.add(check(DmaChecks.WIDE, DmaChecks.wide()));
        }
        return out;
    }

    private BlockCheck check(DmaConfig dma, DmaChecks.Check c) {
        return BlockCheck.of(name(), c.name(), ctx -> run(ctx, dma, c));
    }

    private static long run(CheckContext ctx, DmaConfig dma, DmaChecks.Check c) {
        var sim = ctx.open("dma_" + dma.moduleName(), () -> Elaborator.elaborate(DmaEngine.class, dma), SimOptions.defaults());
        try (DmaHarness h = new DmaHarness(dma, sim, c.hbm(), c.sram())) {
            return c.body().run(h);
        }
    }
}
