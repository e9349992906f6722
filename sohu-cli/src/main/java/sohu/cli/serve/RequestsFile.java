package sohu.cli.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import sohu.cli.CliException;
import sohu.core.sched.Request;

/**
 * Reads a requests file: one JSON object per line,
 * {@code {"id": ..., "prompt": [ids], "max_new_tokens": n, "arrival_step": k}} ({@code arrival_step}
 * may be left out: 0). Every bad line is reported, with its number, before anything runs; blank
 * lines are skipped.
 */
public final class RequestsFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KEYS = Set.of("id", "prompt", "max_new_tokens", "arrival_step");

    private RequestsFile() { }

    /** The requests of {@code file}, checked against a vocabulary of {@code vocabSize} tokens. */
    public static List<Request> read(Path file, int vocabSize) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException("cannot read requests file " + file + ": " + e.getMessage());
        }
        List<Request> out = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String where = file + ":" + (i + 1) + ": ";
            try {
                Request r = parse(lines.get(i), vocabSize);
                if (!ids.add(r.id())) {
                    errors.add(where + "id " + r.id() + " appears twice; give every request its own id");
                } else {
                    out.add(r);
                }
            } catch (IllegalArgumentException e) {
                errors.add(where + e.getMessage());
            }
        }
        if (out.isEmpty() && errors.isEmpty()) {
            errors.add(file + ": no requests (one JSON object per line)");
        }
        if (!errors.isEmpty()) {
            throw new CliException(String.join("\n", errors));
        }
        return out;
    }

    private static Request parse(String line, int vocabSize) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("expected a JSON object {\"id\": ..., \"prompt\": [...], \"max_new_tokens\": n}");
        }
        List<String> unknown = new ArrayList<>();
        node.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                unknown.add(k);
            }
        });
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown key(s) " + unknown + "; expected " + List.of("id", "prompt", "max_new_tokens", "arrival_step"));
        }
        JsonNode id = node.get("id");
        if (id == null || !(id.isTextual() || id.canConvertToInt())) {
            throw new IllegalArgumentException("\"id\" is missing or not a string or integer");
        }
        JsonNode prompt = node.get("prompt");
        if (prompt == null || !prompt.isArray()) {
            throw new IllegalArgumentException("\"prompt\" must be an array of token ids");
        }
        if (prompt.isEmpty()) {
            throw new IllegalArgumentException("request " + id.asText() + ": empty prompt");
        }
        int[] tokens = new int[prompt.size()];
        for (int t = 0; t < tokens.length; t++) {
            JsonNode tok = prompt.get(t);
            if (!tok.canConvertToInt() || !tok.isIntegralNumber() || tok.asInt() < 0 || tok.asInt() >= vocabSize) {
                throw new IllegalArgumentException("request " + id.asText() + ": prompt[" + t + "] = " + tok
                        + " is not a token id of the model's vocabulary (0.." + (vocabSize - 1) + ")");
            }
            tokens[t] = tok.asInt();
        }
        return new Request(id.asText(), tokens, integer(node, "max_new_tokens", -1), integer(node, "arrival_step", 0));
    }

    private static int integer(JsonNode node, String key, int absent) {
        JsonNode v = node.get(key);
        if (v == null && absent >= 0) {
            return absent;
        }
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new IllegalArgumentException("\"" + key + "\" must be an integer");
        }
        return v.asInt();
    }
}
