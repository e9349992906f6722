package sohu.verify.soc;

import java.util.List;
import sohu.core.golden.CostModel;
import sohu.core.isa.Dma;
import sohu.core.isa.Instruction;
import sohu.core.isa.Opcode;

/**
 * The least-squares fit that gives {@code CostModel}'s DMA constants: per opcode, an RTL LOAD's or
 * STORE's cycles (start to retire) as {@code fixed + rows × row + rows × beats × beat}, over every
 * such instruction of a run ({@code beats} the element-port beats of one row, {@link CostModel#rowBeats}).
 */
final class DmaFit {
    private DmaFit() {
    }

    /** The fit of {@code op}'s instructions: {fixed, per row, per beat}, or null when they do not determine it. */
    static double[] fit(List<Instruction> ins, long[] start, long[] retire, CostModel cost, Opcode op) {
        double[][] a = new double[3][4];
        for (int i = 0; i < ins.size(); i++) {
            if (ins.get(i).opcode() == op && ins.get(i) instanceof Dma d) {
                double[] x = {1, d.rows(), (double) d.rows() * cost.rowBeats(d)};
                double y = retire[i] - start[i];
                for (int r = 0; r < 3; r++) {
                    for (int c = 0; c < 3; c++) {
                        a[r][c] += x[r] * x[c];
                    }
                    a[r][3] += x[r] * y;
                }
            }
        }
        // Gauss-Jordan elimination with partial pivoting on the normal equations
        for (int c = 0; c < 3; c++) {
            int p = c;
            for (int r = c + 1; r < 3; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
                    p = r;
                }
            }
            if (Math.abs(a[p][c]) < 1e-9) {
                return null;
            }
            double[] t = a[c];
            a[c] = a[p];
            a[p] = t;
            for (int r = 0; r < 3; r++) {
                if (r != c) {
                    double f = a[r][c] / a[c][c];
                    for (int k = c; k < 4; k++) {
                        a[r][k] -= f * a[c][k];
                    }
                }
            }
        }
        return new double[] {a[0][3] / a[0][0], a[1][3] / a[1][1], a[2][3] / a[2][2]};
    }
}
