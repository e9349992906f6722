package sohu.hdl.examples;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.SInt;

import sohu.hdl.Bool;
import sohu.hdl.Module;
import sohu.hdl.SInt;

/**
 * The processing element of {@link SystolicArray} (module {@code Pe}, see
 * shared/bench/ARRAY.md): forwards {@code a} right and {@code b} down through one register
 * each and accumulates {@code sext32(aIn * bIn)}; {@code clear} zeroes the accumulator,
 * {@code drain} loads it from {@code accIn} so that results shift out along a row.
 * No reset: {@code clear} is the functional reset.
 */
public final class MacPe extends Module {
    /** Operand width of a and b. */
    public static final int DATA_WIDTH = 8;
    /** Accumulator width. */
    public static final int ACC_WIDTH = 32;

    /** Builds the PE. */
    public MacPe() {
        name("Pe");
        SInt aIn = input("aIn", SInt(DATA_WIDTH));
        SInt bIn = input("bIn", SInt(DATA_WIDTH));
        SInt accIn = input("accIn", SInt(ACC_WIDTH));
        Bool clear = input("clear", Bool());
        Bool drain = input("drain", Bool());
        SInt aOut = output("aOut", SInt(DATA_WIDTH));
        SInt bOut = output("bOut", SInt(DATA_WIDTH));
        SInt acc = output("acc", SInt(ACC_WIDTH));

        SInt aReg = reg("aReg", SInt(DATA_WIDTH));
        SInt bReg = reg("bReg", SInt(DATA_WIDTH));
        SInt accReg = reg("accReg", SInt(ACC_WIDTH));

        aReg.set(aIn);
        bReg.set(bIn);
        // Multiply at natural width (16-bit product), then sign-extend (SV_SUBSET.md, DSP trap).
        SInt product = aIn.mul(bIn).sext(ACC_WIDTH);
        when(clear, () -> accReg.set(0))
                .elseWhen(drain, () -> accReg.set(accIn))
                .otherwise(() -> accReg.set(accReg.addWrap(product)));

        aOut.set(aReg);
        bOut.set(bReg);
        acc.set(accReg);
    }
}
