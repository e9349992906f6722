package sohu.verify.mem;

import java.util.ArrayDeque;
import java.util.SplittableRandom;
import sohu.verilator.Agent;
import sohu.verilator.Sim;
import sohu.verilator.axi.SparseMemory;

/**
 * The on-chip SRAM behind the DMA engine's {@code sram_*} port: takes a request in each cycle
 * it is ready (not ready with probability {@code stall}), writes with the byte mask at once and
 * answers each read {@code latency} cycles later, in order, with the word as it was when the read
 * was taken.
 */
final class SramModel implements Agent {
    private final SparseMemory mem;
    private final int latency;
    private final double stall;
    private final SplittableRandom rng;
    private final int bytes;
    private final int words;
    private final Sim.Port reqValid, reqReady, reqWrite, reqAddr, reqWdata, reqMask, rspValid, rspData;
    private final ArrayDeque<Object[]> pipe = new ArrayDeque<>(); // {due cycle, long[] word}

    SramModel(Sim sim, SparseMemory mem, int latency, double stall, long seed) {
        this.mem = mem;
        this.latency = latency;
        this.stall = stall;
        this.rng = new SplittableRandom(seed);
        reqValid = sim.port("sram_req_valid");
        reqReady = sim.port("sram_req_ready");
        reqWrite = sim.port("sram_req_write");
        reqAddr = sim.port("sram_req_addr");
        reqWdata = sim.port("sram_req_wdata");
        reqMask = sim.port("sram_req_mask");
        rspValid = sim.port("sram_rsp_valid");
        rspData = sim.port("sram_rsp_data");
        bytes = reqWdata.width() / 8;
        words = reqWdata.words();
    }

    @Override
    public void onCycle(Sim sim, long now) {
        boolean ready = !(stall > 0 && rng.nextDouble() < stall);
        reqReady.set(ready ? 1 : 0);
        Object[] head = pipe.peek();
        if (head != null && (long) head[0] <= now) {
            pipe.poll();
            rspValid.set(1);
            long[] w = (long[]) head[1];
            if (rspData.width() <= 64) {
                rspData.set(w[0]);
            } else {
                rspData.setWords(w);
            }
        } else {
            rspValid.set(0);
        }
        if (ready && reqValid.get() != 0) {
            long addr = reqAddr.get() * bytes;
            if (reqWrite.get() != 0) {
                long[] data = new long[words];
                long[] mask = new long[(bytes + 63) / 64];
                reqWdata.getWords(data, 0);
                reqMask.getWords(mask, 0);
                mem.writeWord(addr, data, mask);
            } else {
                long[] w = new long[words];
                mem.readWord(addr, w);
                pipe.add(new Object[] {now + latency, w});
            }
        }
    }
}
