package sohu.verify.soc;

import java.util.LinkedHashMap;
import java.util.Map;
import sohu.core.model.Checkpoint;
import sohu.core.model.Tensor;

/** Helpers of the cycle-model calibration tests. */
final class CycleCalibration {
    private CycleCalibration() {
    }

    /** A checkpoint's tensors by name, as the engines take them. */
    static Map<String, float[]> weights(Checkpoint c) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : c.tensors().entrySet()) {
            out.put(e.getKey(), e.getValue().data());
        }
        return out;
    }
}
