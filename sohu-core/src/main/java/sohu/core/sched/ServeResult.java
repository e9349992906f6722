package sohu.core.sched;

import java.util.List;

/**
 * Everything a serving run produced.
 *
 * @param completions one per request, in the requests' order
 * @param steps       one per step that ran a batch
 */
public record ServeResult(List<Completion> completions, List<StepRecord> steps) {
    public ServeResult {
        completions = List.copyOf(completions);
        steps = List.copyOf(steps);
    }
}
