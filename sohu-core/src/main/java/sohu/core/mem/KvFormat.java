package sohu.core.mem;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.Bundle;
import static sohu.hdl.Types.UInt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sohu.hdl.HwType;

/**
 * The hardware encoding of {@link KvCommand} and {@link KvStatus}: fixed field widths, whatever
 * the unit's sizes, so producers need not know them (values beyond the table get a
 * {@link KvStatus.Code}). Fields are in declaration order, the first most significant when packed.
 */
public final class KvFormat {
    private KvFormat() { }

    /** Width of the sequence field. */
    public static final int SEQ_BITS = 16;
    /** Width of the position and of the token-count field. */
    public static final int TOKEN_BITS = 24;
    /** Width of the layer field. */
    public static final int LAYER_BITS = 12;
    /** Width of the KV-head field. */
    public static final int HEAD_BITS = 10;
    /** Width of a scratchpad byte address. */
    public static final int SPAD_BITS = 32;
    /** Width of the descriptor count in a completion. */
    public static final int COUNT_BITS = 16;

    /** The command: tag, op ({@link KvCommand.Op} ordinal), seq, pos, count, layer, head, v, spad. */
    public static HwType.BundleType command() {
        return Bundle("tag", UInt(DmaFormat.TAG_BITS), "op", Bool(), "seq", UInt(SEQ_BITS), "pos", UInt(TOKEN_BITS),
                "count", UInt(TOKEN_BITS),
                "layer", UInt(LAYER_BITS), "head", UInt(HEAD_BITS), "v", Bool(), "spad", UInt(SPAD_BITS));
    }

    /** The completion: tag, code ({@link KvStatus.Code} ordinal), dmaCode ({@link DmaStatus.Code} ordinal), descriptors. */
    public static HwType.BundleType status() {
        return Bundle("tag", UInt(DmaFormat.TAG_BITS), "code", UInt(DmaFormat.CODE_BITS),
                "dmaCode", UInt(DmaFormat.CODE_BITS), "descriptors", UInt(COUNT_BITS));
    }

    /** A block-table write (the payload of the {@code tbl} stream): sequence, entry index, block id, mapped bit. */
    public static HwType.BundleType tableWrite(KvCacheConfig cfg) {
        return Bundle("seq", UInt(cfg.seqBits()), "index", UInt(cfg.indexBits()), "block", UInt(cfg.blockBits()),
                "mapped", Bool());
    }

    /** Manifest entries: every stream's fields with their bit ranges, and the code tables. */
    static Map<String, Object> manifest(KvCacheConfig cfg) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command_stream", "cmd (in)");
        m.put("command_format", fields(command()));
        m.put("command_ops", names(KvCommand.Op.values()));
        m.put("status_stream", "status (out)");
        m.put("status_format", fields(status()));
        m.put("status_codes", names(KvStatus.Code.values()));
        m.put("table_write_port", "tbl (in): one entry per beat; not ready while the table clears after reset");
        m.put("table_write_format", fields(tableWrite(cfg)));
        m.put("dma_descriptor_stream", "dma_desc (out), tags 0.." + (cfg.inFlight() - 1));
        m.put("dma_descriptor_format", fields(DmaFormat.descriptor()));
        m.put("dma_status_stream", "dma_status (in)");
        m.put("dma_status_format", fields(DmaFormat.status()));
        m.put("dma_status_codes", names(DmaStatus.Code.values()));
        return m;
    }

    /** "name[hi:lo]" for each field of a bundle, first field most significant. */
    static List<String> fields(HwType.BundleType t) {
        List<String> out = new ArrayList<>();
        int hi = t.width() - 1;
        for (Map.Entry<String, HwType<?>> f : t.fields().entrySet()) {
            int w = f.getValue().width();
            out.add(f.getKey() + "[" + hi + ":" + (hi - w + 1) + "]");
            hi -= w;
        }
        return out;
    }

    private static List<String> names(Enum<?>[] values) {
        List<String> out = new ArrayList<>();
        for (Enum<?> e : values) {
            out.add(e.ordinal() + "=" + e.name());
        }
        return out;
    }
}
