package sohu.cli.serve;

import java.util.List;
import java.util.Locale;
import sohu.core.sched.StepRecord;

/** {@code steps.csv}: one row per step that ran a batch. */
final class StepsCsv {
    static final String HEADER = "step,prefill_tokens,decode_tokens,cycles,utilization,kv_blocks_in_use,preemptions";

    private StepsCsv() { }

    static String of(List<StepRecord> steps) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (StepRecord s : steps) {
            out.append(String.format(Locale.ROOT, "%d,%d,%d,%d,%.4f,%d,%d\n", s.step(), s.prefillTokens(),
                    s.decodeTokens(), s.cycles(), s.utilization(), s.kvBlocksInUse(), s.preemptions()));
        }
        return out.toString();
    }
}
