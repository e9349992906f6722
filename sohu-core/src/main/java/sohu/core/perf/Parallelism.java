package sohu.core.perf;

import java.util.Locale;

/**
 * How a server's chips share the model: {@code dp} independent replicas (no communication), each
 * of {@code pp} pipeline stages (layers split, activations passed on), each stage of {@code tp}
 * tensor-parallel chips (heads and FFN columns split, two all-reduces per layer by {@code allReduce},
 * either serial or overlapped with the next GEMM).
 *
 * @param tp         tensor-parallel chips per stage
 * @param pp         pipeline stages per replica
 * @param dp         replicas
 * @param allReduce  algorithm of the tensor-parallel all-reduce (ignored when tp = 1)
 * @param overlapped communication hidden behind compute and memory (else added after them)
 */
public record Parallelism(int tp, int pp, int dp, AllReduce allReduce, boolean overlapped) {

    public Parallelism {
        if (tp < 1 || pp < 1 || dp < 1) {
            throw new IllegalArgumentException("tp, pp and dp must be >= 1: " + tp + ", " + pp + ", " + dp);
        }
        if (allReduce == null) {
            throw new IllegalArgumentException("allReduce is required");
        }
    }

    /** Tensor parallel over {@code n} chips with a serial ring all-reduce (the old model). */
    public static Parallelism tensor(int n) {
        return new Parallelism(n, 1, 1, AllReduce.RING, false);
    }

    /** Chips in the server. */
    public int chips() {
        return tp * pp * dp;
    }

    /** Chips holding one copy of the model. */
    public int chipsPerReplica() {
        return tp * pp;
    }

    /** A short name such as {@code dp8}, {@code tp8 ring serial}, {@code tp2 pp2 dp2 switch overlap}. */
    public String label() {
        StringBuilder sb = new StringBuilder();
        if (tp > 1) {
            sb.append("tp").append(tp).append(' ');
        }
        if (pp > 1) {
            sb.append("pp").append(pp).append(' ');
        }
        if (dp > 1 || chips() == 1) {
            sb.append("dp").append(dp).append(' ');
        }
        if (tp > 1) {
            sb.append(allReduce.label()).append(overlapped ? " overlap" : " serial");
        }
        return sb.toString().strip().toLowerCase(Locale.ROOT);
    }
}
