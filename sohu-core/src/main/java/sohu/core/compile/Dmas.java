package sohu.core.compile;

import sohu.core.isa.Deps;
import sohu.core.isa.Dma;
import sohu.core.isa.Space;

/**
 * Short constructors for DMA instructions (a byte stride that does not fit is an error in {@link Dma}).
 * Rows that follow each other on both sides become one longer row: the DMA pays per row (each row
 * is its own burst), so a transfer of contiguous rows is cheapest as the fewest rows the
 * instruction's 16-bit element count allows.
 */
final class Dmas {
    /** LOAD/STORE's 16-bit elements-per-row field. */
    static final int MAX_ELEMS = 65535;

    private Dmas() {
    }

    static Dma load(CoreConfig c, Space s, int sram, long hbm, int rows, int elems, long hbmStride, int sramStride) {
        return of(false, c, s, sram, hbm, rows, elems, hbmStride, sramStride);
    }

    static Dma store(CoreConfig c, Space s, int sram, long hbm, int rows, int elems, long hbmStride, int sramStride) {
        return of(true, c, s, sram, hbm, rows, elems, hbmStride, sramStride);
    }

    /** A one-row load. */
    static Dma load(CoreConfig c, Space s, int sram, long hbm, int elems) {
        return load(c, s, sram, hbm, 1, elems, 0, 0);
    }

    /** A one-row store. */
    static Dma store(CoreConfig c, Space s, int sram, long hbm, int elems) {
        return store(c, s, sram, hbm, 1, elems, 0, 0);
    }

    private static Dma of(boolean store, CoreConfig c, Space s, int sram, long hbm, int rows, int elems,
                          long hbmStride, int sramStride) {
        long rowBytes = (long) elems * s.elementBytes(c.format());
        if (rows > 1 && hbmStride == rowBytes && sramStride == elems) {
            int k = rows;   // original rows per merged row: the most that fit, dividing rows evenly
            while ((long) k * elems > MAX_ELEMS || rows % k != 0) {
                k--;
            }
            if (k > 1) {
                int merged = rows / k;
                long hs = merged == 1 ? 0 : k * hbmStride;
                int ss = merged == 1 ? 0 : k * sramStride;
                return new Dma(store, s, sram, hbm, merged, k * elems, Math.toIntExact(hs), ss, Deps.NONE);
            }
        }
        return new Dma(store, s, sram, hbm, rows, elems, Math.toIntExact(hbmStride), sramStride, Deps.NONE);
    }
}
