package sohu.hdl.ir;

import java.math.BigInteger;
import java.util.List;

/**
 * A memory with synchronous read: an unpacked array of words written and read at the
 * clock edge. {@code init} holds initial contents (possibly empty).
 */
public record Memory(String name, int width, int depth, List<BigInteger> init, SourceLoc loc) {
    /** Width of an address. */
    public int addrWidth() {
        return Math.max(1, 32 - Integer.numberOfLeadingZeros(depth - 1));
    }
}
