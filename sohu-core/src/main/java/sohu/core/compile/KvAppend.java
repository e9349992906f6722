package sohu.core.compile;

import java.util.ArrayList;
import java.util.List;
import sohu.core.isa.Instruction;
import sohu.core.isa.Space;

/**
 * The KV-cache append of one layer: the STOREs that put the step's keys and values, already in the
 * activation memory as rows of {@code [token][kv_dim]} (activation format), into their sequences'
 * KV blocks. A key goes in as a column of its block's {@code K^T} (one element per row of
 * {@code K^T}: a head's rows are back to back, so a token's keys are one strided STORE), a value as
 * a row of its block's {@code V} (consecutive tokens of one block are consecutive rows, one STORE
 * per head for a run of them).
 */
final class KvAppend {
    private final CoreConfig c;
    private final HbmLayout hbm;
    private final List<Token> tokens;
    private final KvState kv;
    private final int layer;

    KvAppend(HbmLayout hbm, List<Token> tokens, KvState kv, int layer) {
        this.c = hbm.core();
        this.hbm = hbm;
        this.tokens = tokens;
        this.kv = kv;
        this.layer = layer;
    }

    /**
     * Keys of tokens {@code t0 .. t0+n-1}, columns {@code col0 .. col0+cols-1} of {@code kv_dim}
     * (whole heads), row {@code r} at act element {@code sram + r·rowStride}: their STOREs, in order.
     */
    List<Instruction> keys(int sram, int rowStride, int t0, int n, int col0, int cols) {
        List<Instruction> out = new ArrayList<>();
        int b = c.kvBlockTokens();
        int eb = c.elementBytes();
        int hd = hbm.spec().headDim();
        for (int r = 0; r < n; r++) {
            Token tok = tokens.get(t0 + r);
            long head = hbm.kAddr(kv.block(tok.sequence(), tok.position()), layer, col0 / hd);
            out.add(Dmas.store(c, Space.ACT, sram + r * rowStride, head + (long) (tok.position() % b) * eb, cols, 1,
                    (long) b * eb, 1));
        }
        return out;
    }

    /** Values of the same tokens (their STOREs, in order) and columns, laid out as {@link #keys} reads them. */
    List<Instruction> values(int sram, int rowStride, int t0, int n, int col0, int cols) {
        List<Instruction> out = new ArrayList<>();
        int b = c.kvBlockTokens();
        int eb = c.elementBytes();
        int hd = hbm.spec().headDim();
        for (int r = 0; r < n; ) {   // runs of tokens in one block are consecutive rows of each head's V
            Token tok = tokens.get(t0 + r);
            int block = kv.block(tok.sequence(), tok.position());
            int run = 1;
            while (r + run < n && tokens.get(t0 + r + run).sequence() == tok.sequence()
                    && tokens.get(t0 + r + run).position() == tok.position() + run
                    && (tok.position() + run) % b != 0) {
                run++;
            }
            for (int h = 0; h < cols / hd; h++) {
                out.add(Dmas.store(c, Space.ACT, sram + r * rowStride + h * hd,
                        hbm.vAddr(block, layer, col0 / hd + h) + (long) (tok.position() % b) * hd * eb, run, hd,
                        (long) hd * eb, rowStride));
            }
            r += run;
        }
        return out;
    }
}
