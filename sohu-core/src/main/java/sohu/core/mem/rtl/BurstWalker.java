package sohu.core.mem.rtl;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.UInt;

import sohu.core.mem.DmaFormat;
import sohu.hdl.Bool;
import sohu.hdl.Bundle;
import sohu.hdl.Hw;
import sohu.hdl.Module;
import sohu.hdl.Stream;
import sohu.hdl.UInt;

/**
 * Walks one side (source or destination) of a descriptor, row by row, as bus-aligned bursts: a
 * burst covers the row's words from the current one, at most {@code maxLen} words and never past a
 * 4 KiB boundary. The burst is presented ({@link #valid}, {@link #addr}, {@link #beats}) until the
 * caller {@link #advance}s it; the next descriptor is taken when the last burst is done. Built in
 * the current module, every name prefixed with {@code name}.
 */
final class BurstWalker {
    private static final int ROW_BEATS_BITS = DmaFormat.ROW_BYTES_BITS + 1;

    /** A burst is waiting. */
    final Bool valid;
    /** Its first (bus-aligned) byte address. */
    final UInt addr;
    /** Its number of words, 1..maxLen. */
    final UInt beats;
    /** It is the last burst of the descriptor. */
    final Bool lastOfDesc;
    /** Its direction. */
    final UInt direction;

    private final Bool advance;

    /**
     * @param sourceSide walk {@code src}/{@code srcStride} (else {@code dst}/{@code dstStride})
     * @param maxLen     words per burst at most ({@code beats}-wide; at least 1)
     */
    BurstWalker(String name, Stream<Bundle> desc, boolean sourceSide, int wordShift, UInt maxLen) {
        Module m = Module.current();
        int aw = DmaFormat.ADDR_BITS;
        Bundle d = desc.payload();
        Bool active = m.reg(name + "_active", Bool(), 0);
        UInt rowAddr = m.reg(name + "_row_addr", UInt(aw), 0);
        UInt cur = m.reg(name + "_cur", UInt(aw), 0);
        UInt stride = m.reg(name + "_stride", UInt(aw), 0);
        UInt rowBytes = m.reg(name + "_row_bytes", UInt(DmaFormat.ROW_BYTES_BITS), 0);
        UInt rowsLeft = m.reg(name + "_rows_left", UInt(DmaFormat.ROWS_BITS), 0);
        direction = m.reg(name + "_direction", UInt(2), 0);
        advance = m.wire(name + "_advance", Bool());

        UInt wordMask = m.uint(~((1L << wordShift) - 1) & ((1L << aw) - 1), aw);
        UInt lastWord = m.named(name + "_last_word",
                rowAddr.addWrap(rowBytes.zext(aw)).subWrap(1).and(wordMask));
        UInt rowBeats = m.named(name + "_row_beats",
                lastWord.subWrap(cur).shr(wordShift).truncate(ROW_BEATS_BITS).addWrap(1));
        UInt to4k = m.named(name + "_to_4k",
                m.uint(4096, 13).subWrap(cur.slice(11, 0).zext(13)).shr(wordShift).zext(ROW_BEATS_BITS));
        UInt lim = Hw.mux(to4k.lt(maxLen.zext(ROW_BEATS_BITS)), to4k, maxLen.zext(ROW_BEATS_BITS));
        Bool lastOfRow = m.named(name + "_last_of_row", rowBeats.le(lim));
        beats = m.named(name + "_beats", Hw.mux(lastOfRow, rowBeats, lim).truncate(maxLen.width()));
        addr = cur;
        valid = active;
        lastOfDesc = m.named(name + "_last_of_desc", lastOfRow.and(rowsLeft.eq(1)));

        UInt start = sourceSide ? d.uint("src") : d.uint("dst");
        desc.ready().set(active.not());
        m.when(desc.fire(), () -> {
            active.set(true);
            rowAddr.set(start);
            cur.set(start.and(wordMask));
            stride.set(sourceSide ? d.uint("srcStride") : d.uint("dstStride"));
            rowBytes.set(d.uint("bytesPerRow"));
            rowsLeft.set(d.uint("rows"));
            direction.set(d.uint("direction"));
        }).elseWhen(advance, () -> m.when(lastOfRow, () -> {
            UInt next = rowAddr.addWrap(stride);
            rowAddr.set(next);
            cur.set(next.and(wordMask));
            rowsLeft.set(rowsLeft.subWrap(1));
            m.when(rowsLeft.eq(1), () -> active.set(false));
        }).otherwise(() -> cur.set(cur.addWrap(beats.zext(aw).shl(wordShift)))));
    }

    /** The caller takes the presented burst when {@code take} (only while {@link #valid}). */
    void advanceWhen(Bool take) {
        advance.set(take);
    }
}
