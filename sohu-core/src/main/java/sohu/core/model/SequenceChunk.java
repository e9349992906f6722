package sohu.core.model;

/**
 * One sequence's share of a step: {@code tokens} processed at positions
 * {@code startPosition, startPosition + 1, ...}. A prefill chunk has many tokens, a decode
 * token one; the sequence's earlier positions are already in the engine's KV cache.
 *
 * @param sequenceId    the sequence (its KV cache lives in the engine until released)
 * @param startPosition position of {@code tokens[0]}; 0 for a new sequence
 * @param tokens        the token ids to run, at least one
 */
public record SequenceChunk(int sequenceId, int startPosition, int[] tokens) {
    public SequenceChunk {
        if (tokens.length == 0) {
            throw new IllegalArgumentException("sequence " + sequenceId + ": a chunk needs at least one token");
        }
        tokens = tokens.clone();
    }

    @Override
    public int[] tokens() {
        return tokens.clone();
    }

    /** Number of tokens in the chunk. */
    public int length() {
        return tokens.length;
    }
}
