package sohu.hdl.lib;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.UInt;

import sohu.hdl.Bool;
import sohu.hdl.Module;
import sohu.hdl.UInt;

/** An up-counter with enable and synchronous clear that wraps at {@code limit}. */
public final class Counter extends Module {
    /** Counter width and the value after which it wraps to zero. */
    public record Params(int width, long limit) { }

    /** Builds the counter. */
    public Counter(Params p) {
        name("Counter_w" + p.width() + "_lim" + p.limit());
        Bool en = input("en", Bool());
        Bool clear = input("clear", Bool());
        UInt count = output("count", UInt(p.width()));
        Bool wrap = output("wrap", Bool());
        UInt value = reg("value", UInt(p.width()), 0);
        Bool atLimit = value.eq(p.limit());
        when(clear, () -> value.set(0))
                .elseWhen(en, () -> when(atLimit, () -> value.set(0)).otherwise(() -> value.set(value.addWrap(1))));
        count.set(value);
        wrap.set(en.and(atLimit));
    }
}
