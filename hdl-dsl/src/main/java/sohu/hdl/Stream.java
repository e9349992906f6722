package sohu.hdl;

/**
 * A ready/valid handshake: {@code payload} moves when {@code valid} and {@code ready}
 * are both high at a clock edge. Ports are named {@code <name>_valid},
 * {@code <name>_ready} and {@code <name>_payload}.
 */
public record Stream<D extends Data>(Bool valid, Bool ready, D payload) {
    /** Whether a transfer happens this cycle. */
    public Bool fire() {
        return valid.and(ready);
    }
}
