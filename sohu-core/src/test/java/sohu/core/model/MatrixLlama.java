package sohu.core.model;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.util.FastMath;
import sohu.core.model.Checkpoint.LayerTensor;

/**
 * An independent oracle for the reference engine: the whole sequence's forward pass in matrix
 * form with Commons Math, as {@code modeling_llama.py} writes it (X·Wᵀ, RoPE as a rotation matrix
 * per position, repeat_kv, scores plus a -inf causal mask, row softmax).
 */
final class MatrixLlama {
    private MatrixLlama() {
    }

    /** Logits [tokens, vocab] of one sequence run from position 0. */
    static RealMatrix logits(Checkpoint c, int[] tokens) {
        ModelSpec s = c.spec();
        int n = tokens.length;
        int d = s.headDim();
        RealMatrix embed = matrix(c.tensor(Checkpoint.EMBED));
        RealMatrix x = new Array2DRowRealMatrix(n, s.hiddenSize());
        for (int t = 0; t < n; t++) {
            x.setRow(t, embed.getRow(tokens[t]));
        }
        List<Integer> repeatKv = new ArrayList<>(); // expanded head -> KV head, as repeat_kv lays them out
        for (int kv = 0; kv < s.numKvHeads(); kv++) {
            for (int r = 0; r < s.groupSize(); r++) {
                repeatKv.add(kv);
            }
        }
        for (int l = 0; l < s.numLayers(); l++) {
            RealMatrix h = rmsNorm(x, c.tensor(LayerTensor.INPUT_NORM, l), s.rmsNormEps());
            RealMatrix q = rope(h.multiply(matrix(c.tensor(LayerTensor.Q, l)).transpose()), s);
            RealMatrix k = rope(h.multiply(matrix(c.tensor(LayerTensor.K, l)).transpose()), s);
            RealMatrix v = h.multiply(matrix(c.tensor(LayerTensor.V, l)).transpose());
            RealMatrix attn = new Array2DRowRealMatrix(n, s.qDim());
            for (int head = 0; head < s.numHeads(); head++) {
                int kv = repeatKv.get(head);
                RealMatrix qh = q.getSubMatrix(0, n - 1, head * d, head * d + d - 1);
                RealMatrix kh = k.getSubMatrix(0, n - 1, kv * d, kv * d + d - 1);
                RealMatrix vh = v.getSubMatrix(0, n - 1, kv * d, kv * d + d - 1);
                RealMatrix scores = qh.multiply(kh.transpose()).scalarMultiply(1 / FastMath.sqrt(d));
                for (int i = 0; i < n; i++) {
                    for (int j = i + 1; j < n; j++) {
                        scores.setEntry(i, j, Double.NEGATIVE_INFINITY);
                    }
                }
                attn.setSubMatrix(softmaxRows(scores).multiply(vh).getData(), 0, head * d);
            }
            x = x.add(attn.multiply(matrix(c.tensor(LayerTensor.O, l)).transpose()));
            h = rmsNorm(x, c.tensor(LayerTensor.POST_NORM, l), s.rmsNormEps());
            RealMatrix gate = h.multiply(matrix(c.tensor(LayerTensor.GATE, l)).transpose());
            RealMatrix up = h.multiply(matrix(c.tensor(LayerTensor.UP, l)).transpose());
            RealMatrix act = new Array2DRowRealMatrix(n, s.intermediateSize());
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < s.intermediateSize(); j++) {
                    double g = gate.getEntry(i, j);
                    act.setEntry(i, j, g / (1 + FastMath.exp(-g)) * up.getEntry(i, j));
                }
            }
            x = x.add(act.multiply(matrix(c.tensor(LayerTensor.DOWN, l)).transpose()));
        }
        return rmsNorm(x, c.tensor(Checkpoint.NORM), s.rmsNormEps())
                .multiply(matrix(c.tensor(Checkpoint.LM_HEAD)).transpose());
    }

    static RealMatrix matrix(Tensor t) {
        RealMatrix m = new Array2DRowRealMatrix(t.dim(0), t.dim(1));
        for (int i = 0; i < t.dim(0); i++) {
            for (int j = 0; j < t.dim(1); j++) {
                m.setEntry(i, j, t.data()[i * t.dim(1) + j]);
            }
        }
        return m;
    }

    private static RealMatrix rmsNorm(RealMatrix x, Tensor w, double eps) {
        RealMatrix y = x.copy();
        for (int i = 0; i < x.getRowDimension(); i++) {
            double ms = x.getRowVector(i).dotProduct(x.getRowVector(i)) / x.getColumnDimension();
            for (int j = 0; j < x.getColumnDimension(); j++) {
                y.setEntry(i, j, x.getEntry(i, j) / FastMath.sqrt(ms + eps) * w.data()[j]);
            }
        }
        return y;
    }

    /** Row t of every head multiplied by the rotation matrix of position t. */
    private static RealMatrix rope(RealMatrix x, ModelSpec s) {
        int d = s.headDim();
        int half = d / 2;
        RealMatrix y = x.copy();
        for (int t = 0; t < x.getRowDimension(); t++) {
            RealMatrix rot = MatrixUtils.createRealMatrix(d, d);
            for (int i = 0; i < half; i++) {
                double a = t * FastMath.exp(-2.0 * i / d * FastMath.log(s.ropeTheta()));
                rot.setEntry(i, i, FastMath.cos(a));
                rot.setEntry(i, i + half, -FastMath.sin(a));
                rot.setEntry(i + half, i, FastMath.sin(a));
                rot.setEntry(i + half, i + half, FastMath.cos(a));
            }
            for (int head = 0; head < x.getColumnDimension() / d; head++) {
                RealMatrix col = x.getSubMatrix(t, t, head * d, head * d + d - 1).transpose();
                y.setSubMatrix(rot.multiply(col).transpose().getData(), t, head * d);
            }
        }
        return y;
    }

    private static RealMatrix softmaxRows(RealMatrix s) {
        RealMatrix p = s.copy();
        for (int i = 0; i < s.getRowDimension(); i++) {
            double max = s.getRowVector(i).getMaxValue();
            double sum = 0;
            for (int j = 0; j < s.getColumnDimension(); j++) {
                sum += FastMath.exp(s.getEntry(i, j) - max);
            }
            for (int j = 0; j < s.getColumnDimension(); j++) {
                p.setEntry(i, j, FastMath.exp(s.getEntry(i, j) - max) / sum);
            }
        }
        return p;
    }
}
