package sohu.hdl.examples;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.UInt;

import sohu.hdl.Bool;
import sohu.hdl.Module;
import sohu.hdl.UInt;

/**
 * A counter with an assertion, an assumption, a cover point and a print: counts while
 * {@code en} is high, wraps after {@code limit}, and asserts that it never counts past
 * {@code forbidden} (choose a value above {@code limit} for a design that never fails).
 */
public final class CheckedCounter extends Module {
    /** Width, wrap value and the value the assertion forbids. */
    public record Params(int width, long limit, long forbidden) { }

    /** Builds the counter. */
    public CheckedCounter(Params p) {
        name("CheckedCounter_w" + p.width() + "_lim" + p.limit() + "_f" + p.forbidden());
        Bool en = input("en", Bool());
        Bool clear = input("clear", Bool());
        UInt count = output("count", UInt(p.width()));
        UInt value = reg("value", UInt(p.width()), 0);
        Bool atLimit = value.eq(p.limit());
        assume(clear.and(en).not(), "clear and en are never high together");
        when(clear, () -> value.set(0)).elseWhen(en, () -> {
            assertThat(value.ne(p.forbidden()), "counted to the forbidden value " + p.forbidden());
            cover(atLimit, "wrap");
            when(atLimit, () -> {
                value.set(0);
                display("wrapped after %0d", value);
            }).otherwise(() -> value.set(value.addWrap(1)));
        });
        count.set(value);
    }
}
