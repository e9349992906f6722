package sohu.cli.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import sohu.core.sched.Completion;

/** {@code outputs.jsonl}: one line per request, in the requests file's order. */
final class OutputsJsonl {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OutputsJsonl() { }

    static String of(List<Completion> completions) {
        StringBuilder out = new StringBuilder();
        for (Completion c : completions) {
            ObjectNode line = JSON.createObjectNode();
            line.put("id", c.id());
            var ids = line.putArray("generated");
            for (int t : c.generated()) {
                ids.add(t);
            }
            line.put("first_token_step", c.firstTokenStep());
            line.put("finish_step", c.finishStep());
            out.append(line).append('\n');
        }
        return out.toString();
    }
}
