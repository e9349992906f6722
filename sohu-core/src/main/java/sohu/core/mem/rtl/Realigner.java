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
 * Turns the source words of each row (bus-aligned, as read) into the destination words of the row
 * with their byte strobes: destination byte {@code j} of word {@code k} is row byte
 * {@code kB + j - dst%B}, found in the two source words around it ({@code {cur, prev} >> shift}).
 * When the source offset is larger than the destination offset the first source word only primes
 * {@code prev}; when the destination spans one word more than the source, a last word is flushed
 * from {@code prev} alone. A source word carrying an error code poisons the rest of its descriptor:
 * the code rides on every later word, whose strobes are then zero.
 */
final class Realigner {
    private static final int BEATS_BITS = DmaFormat.ROW_BYTES_BITS + 1;

    /**
     * Output words: {@code {toSram, lastOfDesc, code[2], tag[8], strb[B], data[8B]}}.
     *
     * @param in words {@code {code[2], data[8B]}} in source order
     */
    static Stream<UInt> build(String name, Stream<Bundle> desc, Stream<UInt> in, int dataBits) {
        Module m = Module.current();
        int bytes = dataBits / 8;
        int shiftBits = Integer.numberOfTrailingZeros(bytes);
        int aw = DmaFormat.ADDR_BITS;
        Bundle d = desc.payload();
        Bool active = m.reg(name + "_active", Bool(), 0);
        UInt tag = m.reg(name + "_tag", UInt(DmaFormat.TAG_BITS), 0);
        Bool toSram = m.reg(name + "_to_sram", Bool(), 0);
        UInt rowsLeft = m.reg(name + "_rows_left", UInt(DmaFormat.ROWS_BITS), 0);
        UInt rowSrc = m.reg(name + "_row_src", UInt(aw), 0);
        UInt rowDst = m.reg(name + "_row_dst", UInt(aw), 0);
        UInt srcStride = m.reg(name + "_src_stride", UInt(aw), 0);
        UInt dstStride = m.reg(name + "_dst_stride", UInt(aw), 0);
        UInt rowBytes = m.reg(name + "_row_bytes", UInt(DmaFormat.ROW_BYTES_BITS), 0);
        UInt consumed = m.reg(name + "_consumed", UInt(BEATS_BITS), 0);
        UInt emitted = m.reg(name + "_emitted", UInt(BEATS_BITS), 0);
        UInt prev = m.reg(name + "_prev", UInt(dataBits), 0);
        UInt prevCode = m.reg(name + "_prev_code", UInt(2), 0);
        Bool prevInRow = m.reg(name + "_prev_in_row", Bool(), 0);
        UInt sticky = m.reg(name + "_sticky", UInt(2), 0);

        // ---- the row's geometry
        UInt so = rowSrc.truncate(shiftBits).zext(shiftBits + 1);
        UInt dOff = rowDst.truncate(shiftBits).zext(shiftBits + 1);
        UInt len = rowBytes.zext(BEATS_BITS + 1);
        UInt ns = m.named(name + "_ns", len.addWrap(so.zext(BEATS_BITS + 1)).addWrap(bytes - 1).shr(shiftBits).truncate(BEATS_BITS));
        UInt nd = m.named(name + "_nd", len.addWrap(dOff.zext(BEATS_BITS + 1)).addWrap(bytes - 1).shr(shiftBits).truncate(BEATS_BITS));
        Bool prime = m.named(name + "_prime", so.gt(dOff));
        UInt diff = so.zext(shiftBits + 2).addWrap(bytes).subWrap(dOff.zext(shiftBits + 2));
        UInt shift = m.named(name + "_shift", Hw.mux(prime, diff.subWrap(bytes), diff));
        UInt endOff = m.named(name + "_end_off", rowDst.addWrap(rowBytes.zext(aw)).subWrap(1).truncate(shiftBits));

        // ---- handshakes
        Bool needIn = m.named(name + "_need_in", consumed.lt(ns));
        Bool primeStep = m.named(name + "_prime_step", prime.and(consumed.eq(0)));
        Stream<UInt> out = m.wire(name + "_out", sohu.hdl.Types.Stream(UInt(4 + DmaFormat.TAG_BITS + bytes + dataBits)));
        out.valid().set(active.and(primeStep.not()).and(Hw.mux(needIn, in.valid(), emitted.lt(nd))));
        in.ready().set(active.and(needIn).and(primeStep.or(out.ready())));
        Bool outFire = out.fire();
        Bool inFire = in.fire();

        // ---- the word
        UInt inData = in.payload().truncate(dataBits);
        UInt inCode = in.payload().slice(dataBits + 1, dataBits);
        UInt cur = Hw.mux(needIn, inData, m.uint(0, dataBits));
        UInt curCode = Hw.mux(needIn, inCode, m.uint(0, 2));
        UInt word = m.named(name + "_word", cur.cat(prev).shr(shift.zext(shiftBits + 5).shl(3)).truncate(dataBits));
        UInt beatCode = Hw.mux(curCode.ne(0), curCode, Hw.mux(prevInRow, prevCode, m.uint(0, 2)));
        UInt code = m.named(name + "_code", Hw.mux(sticky.ne(0), sticky, beatCode));
        Bool first = emitted.eq(0);
        Bool last = m.named(name + "_last", emitted.eq(nd.subWrap(1)));
        UInt all = Hw.fill(bytes, m.bool(true));
        UInt lo = all.shl(dOff.truncate(shiftBits));
        UInt hi = all.shr(m.uint(bytes - 1, shiftBits).subWrap(endOff));
        UInt strb = Hw.mux(first, lo, all).and(Hw.mux(last, hi, all)).and(Hw.mux(code.ne(0), m.uint(0, bytes), all));
        Bool lastOfDesc = last.and(rowsLeft.eq(1));
        out.payload().set(Hw.cat(toSram, lastOfDesc, code, tag, m.named(name + "_strb", strb), word));

        // ---- state
        desc.ready().set(active.not());
        m.when(desc.fire(), () -> {
            active.set(true);
            tag.set(d.uint("tag"));
            toSram.set(d.uint("direction").eq(0));
            rowsLeft.set(d.uint("rows"));
            rowSrc.set(d.uint("src"));
            rowDst.set(d.uint("dst"));
            srcStride.set(d.uint("srcStride"));
            dstStride.set(d.uint("dstStride"));
            rowBytes.set(d.uint("bytesPerRow"));
            consumed.set(0);
            emitted.set(0);
            prevInRow.set(false);
            sticky.set(0);
        }).otherwise(() -> {
            m.when(inFire, () -> {
                consumed.set(consumed.addWrap(1));
                prev.set(inData);
                prevCode.set(inCode);
                prevInRow.set(true);
            });
            m.when(outFire, () -> {
                emitted.set(emitted.addWrap(1));
                sticky.set(code);
                m.when(last, () -> {
                    consumed.set(0);
                    emitted.set(0);
                    prevInRow.set(false);
                    rowsLeft.set(rowsLeft.subWrap(1));
                    rowSrc.set(rowSrc.addWrap(srcStride));
                    rowDst.set(rowDst.addWrap(dstStride));
                    m.when(rowsLeft.eq(1), () -> active.set(false));
                });
            });
        });
        return out;
    }
}
