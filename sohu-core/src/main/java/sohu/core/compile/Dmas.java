package sohu.core.compile;

import sohu.core.isa.Deps;
import sohu.core.isa.Dma;
import sohu.core.isa.Space;

/** Short constructors for DMA instructions (a byte stride that does not fit is an error in {@link Dma}). */
final class Dmas {
    private Dmas() {
    }

    static Dma load(Space s, int sram, long hbm, int rows, int elems, long hbmStride, int sramStride) {
        return new Dma(false, s, sram, hbm, rows, elems, Math.toIntExact(hbmStride), sramStride, Deps.NONE);
    }

    static Dma store(Space s, int sram, long hbm, int rows, int elems, long hbmStride, int sramStride) {
        return new Dma(true, s, sram, hbm, rows, elems, Math.toIntExact(hbmStride), sramStride, Deps.NONE);
    }

    /** A one-row load. */
    static Dma load(Space s, int sram, long hbm, int elems) {
        return load(s, sram, hbm, 1, elems, 0, 0);
    }

    /** A one-row store. */
    static Dma store(Space s, int sram, long hbm, int elems) {
        return store(s, sram, hbm, 1, elems, 0, 0);
    }
}
