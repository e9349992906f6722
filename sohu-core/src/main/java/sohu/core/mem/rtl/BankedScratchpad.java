package sohu.core.mem.rtl;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.Bundle;
import static sohu.hdl.Types.UInt;

import java.util.ArrayList;
import java.util.List;
import sohu.hdl.Bool;
import sohu.hdl.Bundle;
import sohu.hdl.Elaborator;
import sohu.hdl.Hw;
import sohu.hdl.HwType;
import sohu.hdl.Module;
import sohu.hdl.Stream;
import sohu.hdl.TypedMem;
import sohu.hdl.UInt;
import sohu.hdl.ir.Circuit;

/**
 * An on-chip scratchpad of {@code banks} single-ported SRAM banks shared by two ports: the compute
 * side ({@code compute}: the array or the vector unit) and the DMA side ({@code dma}). Each bank
 * serves one access per cycle; accesses to different banks proceed in the same cycle, and on a
 * bank conflict the compute side wins, so the compute port is always ready and never stalls: the
 * DMA waits (its {@code ready} is low) only in a cycle the compute side uses the same bank.
 *
 * <p>Each port is the same plain request/response pair, so the DMA engine's SRAM side and the core
 * attach the same way (W = {@code 8 * wordBytes} data bits, A = word-address bits):
 * <ul>
 * <li>request stream {@code <p>_valid}, {@code <p>_ready} and payload {@code <p>_payload_addr} [A]
 * (a word address), {@code <p>_payload_we} (1: write), {@code <p>_payload_wdata} [W],
 * {@code <p>_payload_mask} [W/8] (byte enables of a write, bit k for bits 8k+7..8k, as AXI's
 * WSTRB); a request moves when valid and ready are high at a clock edge;</li>
 * <li>read response {@code <p>_rvalid}, {@code <p>_rdata} [W], one cycle after the read moved
 * (no back-pressure: take it that cycle).</li>
 * </ul>
 * {@code dma_ready} depends combinationally on the compute request (valid and address); the
 * compute port's {@code ready} is the constant 1. Counters {@code stat_*} (32 bits, wrapping)
 * count DMA stall cycles (valid and not ready), DMA and compute requests, and compute stall
 * cycles (zero by construction; counted so a test can see it).
 *
 * <p>Banks are selected by the high address bits ({@code interleave = false}: bank b holds words
 * {@code b*depth .. (b+1)*depth-1}, so a weight tile being written by the DMA and the one the array
 * reads sit in different banks) or by the low bits ({@code interleave = true}: consecutive words in
 * consecutive banks).
 */
public final class BankedScratchpad extends Module {

    /**
     * The scratchpad's shape.
     *
     * @param banks      banks, a power of two 2..64
     * @param wordBytes  bytes per word, 1..128
     * @param depth      words per bank, a power of two 2..65536
     * @param interleave bank from the low address bits rather than the high ones
     */
    public record Params(int banks, int wordBytes, int depth, boolean interleave) {
        /** Checks the shape. */
        public Params {
            if (banks < 2 || banks > 64 || Integer.bitCount(banks) != 1) {
                throw new IllegalArgumentException("banks must be a power of two 2..64, got " + banks);
            }
            if (wordBytes < 1 || wordBytes > 128) {
                throw new IllegalArgumentException("word bytes must be 1..128, got " + wordBytes);
            }
            if (depth < 2 || depth > 65536 || Integer.bitCount(depth) != 1) {
                throw new IllegalArgumentException("words per bank must be a power of two 2..65536, got " + depth);
            }
        }

        /** Word-address bits. */
        public int addrBits() {
            return bankBits() + rowBits();
        }

        /** Bank-select bits. */
        public int bankBits() {
            return Integer.numberOfTrailingZeros(banks);
        }

        /** Row-within-bank bits. */
        public int rowBits() {
            return Integer.numberOfTrailingZeros(depth);
        }

        /** The bank of word address {@code addr}. */
        public int bankOf(long addr) {
            return (int) (interleave ? addr & (banks - 1) : addr >>> rowBits());
        }
    }

    /** Elaborates the scratchpad. */
    public static Circuit elaborate(Params p) {
        return Elaborator.elaborate(BankedScratchpad.class, p);
    }

    /** The request payload of either port. */
    public static HwType.BundleType request(Params p) {
        return Bundle("addr", UInt(p.addrBits()), "we", Bool(), "wdata", UInt(8 * p.wordBytes()), "mask", UInt(p.wordBytes()));
    }

    /** Builds the scratchpad. */
    public BankedScratchpad(Params p) {
        name("BankedScratchpad_b" + p.banks() + "_w" + p.wordBytes() + "_d" + p.depth() + (p.interleave() ? "_i" : ""));
        int w = 8 * p.wordBytes();
        Stream<Bundle> c = streamIn("compute", request(p));
        Stream<Bundle> d = streamIn("dma", request(p));
        Bool cValid = c.valid();
        UInt cBank = bank(p, c.payload().uint("addr"));
        UInt dBank = bank(p, d.payload().uint("addr"));
        c.ready().set(bool(true));
        d.ready().set(cValid.and(cBank.eq(dBank)).not());

        List<UInt> rdata = new ArrayList<>();
        for (int b = 0; b < p.banks(); b++) {
            TypedMem<UInt> bank = mem("bank" + b, UInt(w), p.depth());
            Bool cHit = named("c_hit" + b, c.fire().and(cBank.eq(b)));
            Bool dHit = named("d_hit" + b, d.fire().and(dBank.eq(b)));
            UInt row = Hw.mux(cHit, row(p, c.payload().uint("addr")), row(p, d.payload().uint("addr")));
            Bool we = Hw.mux(cHit, c.payload().bool("we"), d.payload().bool("we"));
            UInt wdata = Hw.mux(cHit, c.payload().uint("wdata"), d.payload().uint("wdata"));
            UInt mask = Hw.mux(cHit, c.payload().uint("mask"), d.payload().uint("mask"));
            Bool any = cHit.or(dHit);
            UInt[] out = new UInt[1];
            when(any.and(we.not()), () -> out[0] = bank.read(row));
            when(any.and(we), () -> bank.write(row, wdata, mask));
            rdata.add(out[0]);
        }
        respond("compute", p, c, cBank, rdata);
        respond("dma", p, d, dBank, rdata);

        counter("stat_dma_stalls", d.valid().and(d.ready().not()));
        counter("stat_dma_requests", d.fire());
        counter("stat_compute_requests", c.fire());
        counter("stat_compute_stalls", cValid.and(c.ready().not()));
    }

    /** {@code <port>_rvalid} and {@code <port>_rdata}: the bank the read went to, one cycle later. */
    private void respond(String port, Params p, Stream<Bundle> s, UInt bank, List<UInt> rdata) {
        Bool rvalid = output(port + "_rvalid", Bool());
        UInt out = output(port + "_rdata", UInt(8 * p.wordBytes()));
        Bool wasRead = reg(port + "_read_q", Bool(), 0);
        wasRead.set(s.fire().and(s.payload().bool("we").not()));
        UInt bankQ = regNext(port + "_bank_q", bank);
        rvalid.set(wasRead);
        UInt sel = rdata.get(rdata.size() - 1);
        for (int b = rdata.size() - 2; b >= 0; b--) {
            sel = Hw.mux(bankQ.eq(b), rdata.get(b), sel);
        }
        out.set(sel);
    }

    private void counter(String name, Bool inc) {
        UInt n = reg(name + "_q", UInt(32), 0);
        when(inc, () -> n.set(n.addWrap(1)));
        output(name, UInt(32)).set(n);
    }

    private UInt bank(Params p, UInt addr) {
        return p.interleave() ? addr.slice(p.bankBits() - 1, 0) : addr.slice(p.addrBits() - 1, p.rowBits());
    }

    private UInt row(Params p, UInt addr) {
        return p.interleave() ? addr.slice(p.addrBits() - 1, p.bankBits()) : addr.slice(p.rowBits() - 1, 0);
    }
}
