package sohu.verify.mem;

import java.util.Locale;
import sohu.core.mem.DmaDescriptor;
import sohu.core.mem.DmaDescriptor.Direction;
import sohu.core.mem.DmaStatus;
import sohu.core.mem.rtl.DmaConfig;
import sohu.verilator.axi.HbmConfig;
import sohu.verilator.axi.HbmModel;
import sohu.verilator.axi.SparseMemory;

/**
 * Bus utilization of the DMA engine in Verilator: back-to-back descriptors of one size moving
 * {@code total} bytes, bytes moved / (cycles x bus bytes), the cycles counted from the first AXI
 * address to the last read beat or write response. Every run is checked: all completions OK, the
 * destination equal to the source, no protocol violation.
 */
public final class DmaBench {
    private DmaBench() { }

    /** What moves. */
    public enum Kind {
        /** HBM to SRAM. */
        READ(Direction.HBM_TO_SRAM),
        /** SRAM to HBM. */
        WRITE(Direction.SRAM_TO_HBM),
        /** HBM to HBM. */
        COPY(Direction.HBM_TO_HBM);

        final Direction direction;

        Kind(Direction d) {
            this.direction = d;
        }

        /** Lower-case name. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One measurement.
     *
     * @param cycles      from the first address to the last response
     * @param bytes       bytes moved
     * @param utilization bytes / (cycles x bus bytes)
     * @param readBursts  read bursts on the bus
     * @param overtaking  read bursts that came back before an older one of another ID
     */
    public record Result(long cycles, long bytes, double utilization, long readBursts, long overtaking) { }

    /** Moves {@code total} bytes in descriptors of {@code size} bytes at HBM {@code latency}, the oldest ready response first. */
    public static Result run(DmaConfig cfg, int latency, Kind kind, int size, long total) {
        return run(cfg, latency, kind, size, total, HbmConfig.Reorder.OLDEST_READY);
    }

    /** The same with the HBM model reordering responses across IDs as {@code reorder} says. */
    public static Result run(DmaConfig cfg, int latency, Kind kind, int size, long total, HbmConfig.Reorder reorder) {
        long count = Math.max(1, total / size);
        long src = 0;
        long dst = kind == Kind.COPY ? 1L << 30 : 0;
        try (DmaHarness h = new DmaHarness(cfg, HbmConfig.hbm3(latency).withReorder(reorder), new DmaHarness.SramBehaviour(1, 0, 0))) {
            SparseMemory from = kind == Kind.WRITE ? h.sram() : h.hbm();
            SparseMemory to = kind == Kind.READ ? h.sram() : h.hbm();
            long span = Math.min(count * (long) size, 1L << (cfg.sramBits() - 1));
            for (long a = 0; a < span; a++) {
                from.write(src + a, (int) ((a * 131 + (a >>> 9)) & 0xFF));
            }
            for (long i = 0; i < count; i++) {
                long off = (i * size) % span; // the SRAM side wraps within half its space
                h.submit(DmaDescriptor.linear((int) (i & 0xFF), kind.direction, src + off, dst + off, size));
            }
            h.runUntilCompleted((int) count, 100 * count * size + 100_000);
            for (DmaStatus s : h.completions()) {
                if (s.code() != DmaStatus.Code.OK) {
                    throw new AssertionError("DMA " + kind.label() + " of " + size + " bytes completed with " + s);
                }
            }
            for (long a = 0; a < span; a++) {
                if (to.read(dst + a) != from.read(src + a)) {
                    throw new AssertionError(String.format("DMA %s of %d bytes: destination byte 0x%x differs", kind.label(), size, a));
                }
            }
            HbmModel.Stats st = h.hbmModel().stats();
            long cycles = st.lastResponse - st.firstRequest + 1;
            long bytes = count * (long) size;
            return new Result(cycles, bytes, (double) bytes / (cycles * (double) cfg.busBytes()), st.readBursts,
                    h.monitor().readsOutOfOrder());
        }
    }
}
