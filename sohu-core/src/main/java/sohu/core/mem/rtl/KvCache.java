package sohu.core.mem.rtl;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.Bundle;
import static sohu.hdl.Types.UInt;
import static sohu.hdl.Types.Vec;

import sohu.core.mem.DmaDescriptor;
import sohu.core.mem.DmaFormat;
import sohu.core.mem.KvCacheConfig;
import sohu.core.mem.KvFormat;
import sohu.core.mem.KvLayout;
import sohu.core.mem.KvStatus;
import sohu.hdl.Bool;
import sohu.hdl.Bundle;
import sohu.hdl.Elaborator;
import sohu.hdl.Hw;
import sohu.hdl.Mem;
import sohu.hdl.Module;
import sohu.hdl.Stream;
import sohu.hdl.Types;
import sohu.hdl.UInt;
import sohu.hdl.Vec;
import sohu.hdl.ir.Circuit;

/**
 * The paged KV cache unit: a block table in on-chip SRAM, written by the host through the
 * {@code tbl} stream, and a translator that turns APPEND and GATHER commands ({@code cmd}) into
 * DMA descriptors ({@code dma_desc}), exactly those of {@link sohu.core.mem.KvCacheModel}.
 *
 * <p>Ports (ready/valid streams, payloads in {@link KvFormat} and {@link DmaFormat}):
 * {@code tbl} (in) writes one table entry per beat; {@code cmd} (in) takes one command;
 * {@code dma_desc} (out) carries the descriptors, tagged with the command's slot;
 * {@code dma_status} (in) takes the DMA's completions, in any order (always ready);
 * {@code status} (out) gives one completion per command, in command order, once every DMA status of
 * the command is back.
 *
 * <p>Order in memory: a GATHER issues no descriptor while an earlier APPEND to the same sequence and
 * layer still waits for a DMA status (its rows may not have reached HBM yet), so a gather sees every
 * row appended before it without a host fence. Only those APPENDs are waited for: a gather of another
 * sequence or layer goes ahead. The wait needs nothing but the DMA's statuses, which the unit always
 * takes, so it cannot deadlock against the completions it waits for.
 *
 * <p>Timing: a command is accepted in one cycle, checked in the next, then the walk reads one
 * table entry per cycle and issues one descriptor per cycle (a stalled descriptor holds the walk).
 * Up to {@code inFlight} commands may wait for DMA statuses; command {@code i} uses slot (and DMA
 * tag) {@code i mod inFlight} and waits while that slot is still busy. After reset the table is
 * cleared, one entry per cycle; {@code tbl} and {@code cmd} are not ready until then.
 */
public final class KvCache extends Module {
    private static final int IDLE = 0;
    private static final int CHECK = 1;
    private static final int WALK = 2;

    /** Elaborates the unit. */
    public static Circuit elaborate(KvCacheConfig cfg) {
        return Elaborator.elaborate(KvCache.class, cfg);
    }

    /** The module name of the unit for {@code cfg}. */
    static String nameOf(KvCacheConfig cfg) {
        KvLayout l = cfg.layout();
        return "KvCache_bt" + l.blockTokens() + "_l" + l.layers() + "_h" + l.kvHeads() + "_d" + l.headDim()
                + "_e" + l.bytesPerElement() + "_b" + l.blockCount() + "_s" + cfg.sequences() + "x" + cfg.blocksPerSequence()
                + "_f" + cfg.inFlight() + (l.hbmBase() == 0 ? "" : "_a" + Long.toHexString(l.hbmBase()));
    }

    /** Builds the unit. */
    public KvCache(KvCacheConfig cfg) {
        KvLayout l = cfg.layout();
        name(nameOf(cfg));
        Stream<Bundle> tbl = streamIn("tbl", KvFormat.tableWrite(cfg));
        Stream<Bundle> cmd = streamIn("cmd", KvFormat.command());
        Stream<Bundle> status = streamOut("status", KvFormat.status());
        Stream<Bundle> desc = streamOut("dma_desc", DmaFormat.descriptor());
        Stream<Bundle> dmaStatus = streamIn("dma_status", DmaFormat.status());

        int a = DmaFormat.ADDR_BITS;
        int logSeq = Integer.numberOfTrailingZeros(cfg.sequences());
        int logIdx = Integer.numberOfTrailingZeros(cfg.blocksPerSequence());
        int logBt = Integer.numberOfTrailingZeros(l.blockTokens());
        int depth = cfg.sequences() * cfg.blocksPerSequence();
        int entryBits = cfg.blockBits() + 1;
        int slotBits = Integer.numberOfTrailingZeros(cfg.inFlight());
        int cntBits = Types.bitsFor(cfg.blocksPerSequence() + 1L);
        int layerBits = Types.bitsFor(l.layers());

        // ---- the block table: a clear sweep after reset, then host writes
        Mem table = mem("block_table", entryBits, depth);
        Bool clearing = reg("clearing", Bool(), 1);
        UInt clearAddr = reg("clear_addr", UInt(logSeq + logIdx), 0);
        tbl.ready().set(clearing.not());
        when(clearing, () -> {
            table.write(clearAddr, uint(0, entryBits));
            clearAddr.set(clearAddr.addWrap(1));
            when(clearAddr.eq(depth - 1), () -> clearing.set(false));
        }).elseWhen(tbl.valid(), () -> table.write(
                tbl.payload().uint("seq").cat(tbl.payload().uint("index")),
                tbl.payload().uint("mapped").cat(tbl.payload().uint("block"))));

        // ---- command slots, waiting for their DMA statuses
        var slotType = Bundle("busy", Bool(), "closed", Bool(), "issued", UInt(cntBits), "returned", UInt(cntBits),
                "code", UInt(DmaFormat.CODE_BITS), "dmaCode", UInt(DmaFormat.CODE_BITS), "tag", UInt(DmaFormat.TAG_BITS),
                "append", Bool(), "seq", UInt(Math.max(1, logSeq)), "layer", UInt(layerBits));
        Vec<Bundle> slots = reg("slot", Vec(slotType, cfg.inFlight()), 0);
        UInt wp = reg("wp", UInt(slotBits), 0);
        UInt rp = reg("rp", UInt(slotBits), 0);
        Bundle cur = slots.get(wp);

        // ---- accept and check
        UInt state = reg("state", UInt(2), IDLE);
        Bundle c = reg("c", KvFormat.command());
        cmd.ready().set(state.eq(IDLE).and(clearing.not()).and(cur.bool("busy").not()));
        when(cmd.fire(), () -> {
            c.set(cmd.payload());
            state.set(CHECK);
        });
        Bool gather = c.bool("op");
        UInt pos = c.uint("pos");
        UInt count = c.uint("count");
        Bool badSeq = c.uint("seq").ge(cfg.sequences());
        Bool badField = c.uint("layer").ge(l.layers()).or(gather.and(c.uint("head").ge(l.kvHeads())));
        Bool badPos = Hw.mux(gather, count.eq(0).or(pos.addExpand(count).gt(cfg.maxTokens())), pos.ge(cfg.maxTokens()));
        UInt checkCode = Hw.mux(badSeq, code(KvStatus.Code.BAD_SEQUENCE), Hw.mux(badField, code(KvStatus.Code.BAD_FIELD),
                Hw.mux(badPos, code(KvStatus.Code.BAD_POSITION), code(KvStatus.Code.OK))));

        // The command's fixed part of the HBM address: layer region, then a gather's (kv, head) run.
        UInt layerOff = c.uint("layer").mul(constant(l.layerBytes())).resize(a);
        // operands of a product are named wires: the emitter sizes a product's operands by their own widths
        UInt runIndex = named("run_index", c.uint("v").mul(constant(l.kvHeads())).resize(a).addWrap(c.uint("head").resize(a)));
        UInt gatherOff = runIndex.mul(constant(l.runBytes())).resize(a);
        UInt base = reg("base", UInt(a));
        UInt spadNext = reg("spad_next", UInt(a));
        UInt idx = reg("idx", UInt(logIdx));
        UInt off = reg("off", UInt(logBt)); // the run's first token within its block
        UInt remaining = reg("remaining", UInt(KvFormat.TOKEN_BITS));
        Bool have = reg("have", Bool());

        when(state.eq(CHECK), () -> {
            cur.get("busy").set(bool(true));
            cur.get("issued").set(uint(0, cntBits));
            cur.get("returned").set(uint(0, cntBits));
            cur.get("code").set(checkCode);
            cur.get("dmaCode").set(uint(0, DmaFormat.CODE_BITS));
            cur.get("tag").set(c.uint("tag"));
            cur.get("closed").set(checkCode.ne(0));
            cur.get("append").set(gather.not());
            cur.get("seq").set(c.uint("seq").truncate(Math.max(1, logSeq)));
            cur.get("layer").set(c.uint("layer").truncate(layerBits));
            base.set(constant(l.hbmBase()).resize(a).addWrap(layerOff).addWrap(Hw.mux(gather, gatherOff, uint(0, a))));
            spadNext.set(c.uint("spad").zext(a));
            idx.set(pos.shr(logBt).truncate(logIdx));
            off.set(pos.truncate(logBt));
            remaining.set(count);
            have.set(false);
            when(checkCode.ne(0), () -> {
                state.set(IDLE);
                wp.set(wp.addWrap(1));
            }).otherwise(() -> state.set(WALK));
        });

        // ---- the walk: one table entry per cycle, one descriptor per mapped entry
        Bool walking = state.eq(WALK);
        UInt avail = named("run_avail", uint(l.blockTokens(), logBt + 1).subWrap(off.zext(logBt + 1)));
        Bool last = gather.not().or(remaining.le(avail));
        Bool advance = desc.fire().and(last.not());
        UInt entry = table.read(cat(c.uint("seq").truncate(logSeq), Hw.mux(have, idx.addWrap(1), idx)),
                walking.and(have.not().or(advance)));
        Bool mapped = entry.msb();
        UInt block = entry.truncate(cfg.blockBits());
        UInt hbm = base.addWrap(block.mul(constant(l.blockBytes())).resize(a)).addWrap(off.mul(constant(l.rowBytes())).resize(a));
        UInt runTokens = named("run_tokens", Hw.mux(last, remaining.truncate(logBt + 1), avail));
        UInt gatherBytes = runTokens.mul(constant(l.rowBytes())).resize(DmaFormat.ROW_BYTES_BITS);

        // a gather waits for the earlier appends it may read (every earlier command's walk is over)
        Bool appendPending = bool(false);
        for (int i = 0; i < cfg.inFlight(); i++) {
            Bundle o = slots.get(i);
            appendPending = appendPending.or(o.bool("busy").and(o.bool("append")).and(o.uint("returned").ne(o.uint("issued")))
                    .and(o.uint("seq").eq(c.uint("seq").truncate(Math.max(1, logSeq))))
                    .and(o.uint("layer").eq(c.uint("layer").truncate(layerBits))));
        }
        Bool hold = named("gather_hold", gather.and(appendPending));

        Bundle d = desc.payload();
        desc.valid().set(walking.and(have).and(mapped).and(hold.not()));
        d.get("tag").set(wp.zext(DmaFormat.TAG_BITS));
        d.get("direction").set(Hw.mux(gather, direction(DmaDescriptor.Direction.HBM_TO_SRAM),
                direction(DmaDescriptor.Direction.SRAM_TO_HBM)));
        d.get("src").set(Hw.mux(gather, hbm, spadNext));
        d.get("dst").set(Hw.mux(gather, spadNext, hbm));
        d.get("rows").set(Hw.mux(gather, uint(1, DmaFormat.ROWS_BITS), uint(2L * l.kvHeads(), DmaFormat.ROWS_BITS)));
        d.get("bytesPerRow").set(Hw.mux(gather, gatherBytes, uint(l.rowBytes(), DmaFormat.ROW_BYTES_BITS)));
        d.get("srcStride").set(Hw.mux(gather, gatherBytes.zext(a), uint(l.rowBytes(), a)));
        d.get("dstStride").set(Hw.mux(gather, gatherBytes.zext(a), constant(l.runBytes()).resize(a)));

        when(walking, () -> {
            when(have.not(), () -> have.set(true))
                    .elseWhen(mapped.not(), () -> {
                        cur.get("code").set(code(KvStatus.Code.UNMAPPED));
                        finishWalk(cur, state, wp);
                    });
            when(desc.fire(), () -> {
                cur.get("issued").set(cur.uint("issued").addWrap(1));
                when(last, () -> finishWalk(cur, state, wp)).otherwise(() -> {
                    idx.set(idx.addWrap(1));
                    remaining.set(remaining.subWrap(avail.zext(KvFormat.TOKEN_BITS)));
                    spadNext.set(spadNext.addWrap(gatherBytes.zext(a)));
                    off.set(0);
                });
            });
        });

        // ---- DMA statuses, in any order
        dmaStatus.ready().set(bool(true));
        Bundle back = slots.get(dmaStatus.payload().uint("tag").truncate(slotBits));
        when(dmaStatus.valid(), () -> {
            assertThat(back.bool("busy").and(back.uint("returned").lt(back.uint("issued"))),
                    "a DMA status for a slot with no descriptor outstanding");
            back.get("returned").set(back.uint("returned").addWrap(1));
            UInt dc = dmaStatus.payload().uint("code");
            when(dc.ne(0).and(back.uint("dmaCode").eq(0)), () -> back.get("dmaCode").set(dc));
        });

        // ---- completions, in command order
        Bundle done = slots.get(rp);
        status.valid().set(done.bool("busy").and(done.bool("closed")).and(done.uint("returned").eq(done.uint("issued"))));
        Bundle s = status.payload();
        s.get("tag").set(done.uint("tag"));
        s.get("code").set(Hw.mux(done.uint("code").eq(0).and(done.uint("dmaCode").ne(0)),
                code(KvStatus.Code.DMA_ERROR), done.uint("code")));
        s.get("dmaCode").set(done.uint("dmaCode"));
        s.get("descriptors").set(done.uint("issued").zext(KvFormat.COUNT_BITS));
        when(status.fire(), () -> {
            done.get("busy").set(bool(false));
            rp.set(rp.addWrap(1));
        });
    }

    private void finishWalk(Bundle cur, UInt state, UInt wp) {
        cur.get("closed").set(bool(true));
        state.set(IDLE);
        wp.set(wp.addWrap(1));
    }

    private UInt cat(UInt hi, UInt lo) {
        return hi.cat(lo);
    }

    private UInt code(KvStatus.Code c) {
        return uint(c.ordinal(), DmaFormat.CODE_BITS);
    }

    private UInt direction(DmaDescriptor.Direction d) {
        return uint(d.ordinal(), 2);
    }

    /** A constant in as many bits as it needs. */
    private UInt constant(long v) {
        return uint(v, Types.bitsFor(v + 1));
    }
}
