package sohu.core.model;

/**
 * What one step returns: the logits of every token of the batch, chunk after chunk in the
 * batch's order and token after token within a chunk, and the cost the engine measured
 * (zero where an engine has no notion of cycles, as the reference).
 *
 * @param logits          [tokens][vocab_size]
 * @param cycles          cycles the step took
 * @param arrayBusyCycles cycles the matrix array did useful multiply-adds (ideal cycles)
 */
public record StepResult(double[][] logits, long cycles, long arrayBusyCycles) {

    /** Array utilization of the step; 0 when no cycles were counted. */
    public double utilization() {
        return cycles == 0 ? 0 : (double) arrayBusyCycles / cycles;
    }
}
