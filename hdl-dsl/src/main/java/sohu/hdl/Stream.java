package sohu.hdl;

import java.util.ArrayList;
import java.util.List;

/**
 * A ready/valid handshake: {@code payload} moves when {@code valid} and {@code ready}
 * are both high at a clock edge. Ports are named {@code <name>_valid},
 * {@code <name>_ready} and {@code <name>_payload} (a bundle payload: {@code <name>_payload_<field>}).
 * {@code ready} flows against {@code valid}: {@code a.set(b)} drives a's valid and payload
 * from b and b's ready from a.
 */
public record Stream<D extends Data>(Bool valid, Bool ready, D payload) implements Data {
    /** Whether a transfer happens this cycle. */
    public Bool fire() {
        return valid.and(ready);
    }

    @Override
    public List<Bits> leaves() {
        List<Bits> out = new ArrayList<>();
        out.add(valid);
        out.add(ready);
        out.addAll(payload.leaves());
        return out;
    }
}
