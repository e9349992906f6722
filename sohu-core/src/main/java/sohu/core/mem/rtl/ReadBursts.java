package sohu.core.mem.rtl;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.Bundle;
import static sohu.hdl.Types.UInt;
import static sohu.hdl.Types.Vec;

import java.util.ArrayList;
import java.util.List;
import sohu.hdl.Bool;
import sohu.hdl.Bundle;
import sohu.hdl.Hw;
import sohu.hdl.Module;
import sohu.hdl.Types;
import sohu.hdl.UInt;
import sohu.hdl.Vec;

/**
 * The DMA engine's read bursts in flight, one entry each, so that bursts of different AXI IDs may
 * return in any order: an entry holds the burst's first slot in the read buffer (reserved at
 * issue), its beats, the beats back so far and its descriptor number. Entries are taken in a
 * cycle {@code 0..readBursts-1} and retired in the same order once all their beats are back; the
 * burst of entry {@code e} uses ID {@code e mod ids} ({@code ids = min(2^idBits, readBursts)}), so
 * the bursts of one ID take its entries in a fixed cycle and, as AXI keeps one ID's order, a
 * returning beat finds its entry from its RID alone (with one entry per ID, the RID is the entry).
 * The oldest entry not yet retired bounds the words that have landed in the buffer: everything
 * before {@link #landed} when {@link #pending}. Built in the current module, names prefixed with
 * {@code name}.
 */
final class ReadBursts {
    /** The ID of the burst to issue next. */
    final UInt id;
    /** The next entry is free: a burst may be issued. */
    final Bool canIssue;
    /** Some burst has beats still to come; {@link #landed} is then the first buffer slot not yet written. */
    final Bool pending;
    /** See {@link #pending} (a buffer pointer, {@code ptrBits} wide). */
    final UInt landed;
    /** The buffer slot (pointer) of the beat on R this cycle. */
    final UInt beatSlot;
    /** The descriptor number of the burst of the beat on R this cycle. */
    final UInt beatSeq;

    private final Module m;
    private final Vec<Bundle> entries;
    private final UInt next;
    private final int n;
    private final int ptrBits;

    /**
     * @param ptrBits bits of a buffer pointer (one more than its address: full and empty differ)
     * @param seqBits bits of a descriptor number
     * @param rFire   a beat is taken on R ({@code rid}, {@code rlast})
     */
    ReadBursts(String name, DmaConfig c, int ptrBits, int seqBits, Bool rFire, UInt rid, Bool rLast) {
        m = Module.current();
        n = c.readBursts();
        this.ptrBits = ptrBits;
        int ids = c.readIds();
        int eb = Types.bitsFor(n);
        var type = Bundle("busy", Bool(), "base", UInt(ptrBits), "beats", UInt(9), "got", UInt(9), "seq", UInt(seqBits));
        entries = m.reg(name + "_entry", Vec(type, n), 0);
        next = n == 1 ? m.uint(0, 1) : m.reg(name + "_next", UInt(eb), 0);
        UInt oldest = n == 1 ? m.uint(0, 1) : m.reg(name + "_oldest", UInt(eb), 0);
        canIssue = m.named(name + "_can_issue", entries.get(next).bool("busy").not());
        id = (ids == n ? next : next.truncate(c.idBits())).resize(c.idBits());

        // the entry of a returning beat: its RID when each ID has one entry, else the ID's place in its cycle
        UInt entry;
        if (ids == n) {
            entry = rid.resize(eb);
        } else {
            List<UInt> at = new ArrayList<>();
            for (int i = 0; i < ids; i++) {
                at.add(m.reg(name + "_id" + i + "_entry", UInt(eb), i));
            }
            Vec<UInt> place = Vec.of(at);
            UInt r = rid.truncate(c.idBits());
            entry = m.named(name + "_r_entry", place.get(r));
            UInt after = entry.addExpand(m.uint(ids, eb));
            m.when(rFire.and(rLast), () -> place.get(r).set(Hw.mux(after.ge(n), r.resize(eb), after.truncate(eb))));
        }
        Bundle back = entries.get(entry);
        beatSlot = m.named(name + "_beat_slot", back.uint("base").addWrap(back.uint("got").resize(ptrBits)));
        beatSeq = back.uint("seq");
        m.when(rFire, () -> back.get("got").set(back.uint("got").addWrap(1)));

        // retire in issue order
        Bundle old = entries.get(oldest);
        pending = m.named(name + "_pending", old.bool("busy"));
        landed = m.named(name + "_landed", old.uint("base").addWrap(old.uint("got").resize(ptrBits)));
        m.when(pending.and(old.uint("got").eq(old.uint("beats"))), () -> {
            old.get("busy").set(m.bool(false));
            if (n > 1) {
                oldest.set(step(oldest));
            }
        });
    }

    /** Issues a burst when {@code fire} (only while {@link #canIssue}): its first buffer slot, beats (1..256) and descriptor. */
    void issueWhen(Bool fire, UInt base, UInt beats, UInt seq) {
        Bundle e = entries.get(next);
        m.when(fire, () -> {
            e.get("busy").set(m.bool(true));
            e.get("base").set(base.resize(ptrBits));
            e.get("beats").set(beats.resize(9));
            e.get("got").set(m.uint(0, 9));
            e.get("seq").set(seq);
            if (n > 1) {
                next.set(step(next));
            }
        });
    }

    /** {@code i + 1} modulo the number of entries. */
    private UInt step(UInt i) {
        return Integer.bitCount(n) == 1 ? i.addWrap(1) : Hw.mux(i.eq(n - 1), m.uint(0, i.width()), i.addWrap(1));
    }
}
