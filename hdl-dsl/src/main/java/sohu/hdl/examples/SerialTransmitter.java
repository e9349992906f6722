package sohu.hdl.examples;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.Bundle;
import static sohu.hdl.Types.Enum;
import static sohu.hdl.Types.UInt;
import static sohu.hdl.Types.Vec;

import sohu.hdl.Bool;
import sohu.hdl.Bundle;
import sohu.hdl.Module;
import sohu.hdl.UInt;
import sohu.hdl.Vec;

/**
 * A small state machine over an enum with a switch, a bundle port and a vector register,
 * with an asynchronous reset: it takes a 4-byte frame when idle and sends it one byte per
 * cycle, most significant byte first, followed by a parity byte (XOR of the four).
 */
public final class SerialTransmitter extends Module {
    /** The machine's states. */
    public enum State { IDLE, SEND, PARITY }

    /** Builds the transmitter. */
    public SerialTransmitter() {
        asyncReset();
        Bundle frame = input("frame", Bundle("valid", Bool(), "bytes", Vec(UInt(8), 4)));
        Bool busy = output("busy", Bool());
        Bool outValid = output("out_valid", Bool());
        UInt outByte = output("out_byte", UInt(8));

        UInt state = reg("state", Enum(State.class), 0);
        Vec<UInt> held = reg("held", Vec(UInt(8), 4));
        UInt index = reg("index", UInt(2), 0);
        @SuppressWarnings("unchecked")
        Vec<UInt> bytes = (Vec<UInt>) frame.get("bytes");
        UInt parity = held.get(0).xor(held.get(1)).xor(held.get(2)).xor(held.get(3));

        busy.set(state.ne(enumValue(State.IDLE)));
        outValid.set(0);
        outByte.set(0);
        switchOn(state)
                .is(State.IDLE, () -> when(frame.bool("valid"), () -> {
                    held.set(bytes);
                    index.set(3);
                    state.set(enumValue(State.SEND));
                }))
                .is(State.SEND, () -> {
                    outValid.set(1);
                    outByte.set(held.get(index));
                    index.set(index.subWrap(1));
                    when(index.eq(0), () -> state.set(enumValue(State.PARITY)));
                })
                .is(State.PARITY, () -> {
                    outValid.set(1);
                    outByte.set(parity);
                    state.set(enumValue(State.IDLE));
                })
                .otherwise(() -> state.set(enumValue(State.IDLE)));
    }
}
