package sohu.core.mem.rtl;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parameters of the {@link DmaEngine}.
 *
 * @param dataBits    AXI data width and SRAM port width in bits: a power of two, 64..1024
 * @param addrBits    AXI address width (the HBM space is {@code 2^addrBits} bytes): 32..48
 * @param idBits      AXI ID width: 1..8; reads use {@link #readIds()} IDs, writes ID 0 (see {@link DmaEngine})
 * @param readBursts  read bursts in flight at most: 1..64
 * @param writeBursts write bursts in flight at most: 1..256
 * @param maxBurst    beats per burst at most: 1..256
 * @param bufferBeats bus words of the read-data buffer: a power of two, at least {@code maxBurst}, at most 65536
 * @param sramBits    byte address width of the SRAM space ({@code 2^sramBits} bytes): at least the bytes of a
 *                    bus word, at most 40
 */
public record DmaConfig(int dataBits, int addrBits, int idBits, int readBursts, int writeBursts, int maxBurst,
                        int bufferBeats, int sramBits) {
    /** Validates the parameters. */
    public DmaConfig {
        check(dataBits >= 64 && dataBits <= 1024 && Integer.bitCount(dataBits) == 1, "dataBits",
                dataBits, "a power of two 64..1024");
        check(addrBits >= 32 && addrBits <= 48, "addrBits", addrBits, "32..48");
        check(idBits >= 1 && idBits <= 8, "idBits", idBits, "1..8");
        check(readBursts >= 1 && readBursts <= 64, "readBursts", readBursts, "1..64");
        check(writeBursts >= 1 && writeBursts <= 256, "writeBursts", writeBursts, "1..256");
        check(maxBurst >= 1 && maxBurst <= 256, "maxBurst", maxBurst, "1..256");
        check(bufferBeats >= maxBurst && bufferBeats <= 65536 && Integer.bitCount(bufferBeats) == 1, "bufferBeats",
                bufferBeats, "a power of two from maxBurst (" + maxBurst + ") to 65536");
        int wordBits = Integer.numberOfTrailingZeros(dataBits / 8);
        check(sramBits >= wordBits + 1 && sramBits <= 40, "sramBits", sramBits, (wordBits + 1) + "..40");
    }

    /** A 64-bit bus, 32-bit addresses, 8 bursts of up to 256 beats each way, a 2048-beat buffer, 1 MiB of SRAM. */
    public static DmaConfig defaults() {
        return new DmaConfig(64, 32, 4, 8, 8, 256, 2048, 20);
    }

    /** The same engine with {@code n} bursts in flight in each direction. */
    public DmaConfig withBursts(int n) {
        return new DmaConfig(dataBits, addrBits, idBits, n, n, maxBurst, bufferBeats, sramBits);
    }

    /** The same engine with another data width. */
    public DmaConfig withDataBits(int bits) {
        return new DmaConfig(bits, addrBits, idBits, readBursts, writeBursts, maxBurst, bufferBeats, sramBits);
    }

    /** The same engine with another read buffer. */
    public DmaConfig withBufferBeats(int beats) {
        return new DmaConfig(dataBits, addrBits, idBits, readBursts, writeBursts, maxBurst, beats, sramBits);
    }

    /**
     * The read IDs the engine uses: {@code min(2^idBits, readBursts)}, so that bursts of different
     * IDs may come back in any order.
     */
    public int readIds() {
        return (int) Math.min(1L << idBits, readBursts);
    }

    /** Bytes of a bus word. */
    public int busBytes() {
        return dataBits / 8;
    }

    /** log2 of the bytes of a bus word. */
    public int wordShift() {
        return Integer.numberOfTrailingZeros(busBytes());
    }

    /** Word address width of the SRAM port. */
    public int sramWordBits() {
        return sramBits - wordShift();
    }

    /** Module name, e.g. {@code DmaEngine_d64_a32_r8_w8_b2048}. */
    public String moduleName() {
        return "DmaEngine_d" + dataBits + "_a" + addrBits + "_i" + idBits + "_r" + readBursts + "_w" + writeBursts
                + "_m" + maxBurst + "_b" + bufferBeats + "_s" + sramBits;
    }

    /** Parameters for a manifest. */
    public Map<String, Object> attributes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data_bits", dataBits);
        m.put("addr_bits", addrBits);
        m.put("id_bits", idBits);
        m.put("read_bursts", readBursts);
        m.put("write_bursts", writeBursts);
        m.put("max_burst", maxBurst);
        m.put("buffer_beats", bufferBeats);
        m.put("sram_bits", sramBits);
        return m;
    }

    private static void check(boolean ok, String name, int value, String range) {
        if (!ok) {
            throw new IllegalArgumentException("DMA " + name + " must be " + range + ", got " + value);
        }
    }
}
