package sohu.hdl.lib;

import static sohu.hdl.Types.UInt;
import static sohu.hdl.Types.Vec;

import sohu.hdl.Bool;
import sohu.hdl.Hw;
import sohu.hdl.Module;
import sohu.hdl.Stream;
import sohu.hdl.Types;
import sohu.hdl.UInt;
import sohu.hdl.Vec;

/**
 * A first-in first-out queue of {@code depth} words between two ready/valid streams
 * ({@code enq} in, {@code deq} out). Accepts and delivers one word per cycle; the head
 * word is visible on {@code deq_payload} whenever {@code deq_valid} is high.
 */
public final class Queue extends Module {
    /** Word width and number of entries. */
    public record Params(int width, int depth) { }

    /** Builds the queue. */
    public Queue(Params p) {
        if (p.width() < 1 || p.depth() < 1) {
            throw new IllegalArgumentException("Queue needs width >= 1 and depth >= 1, got " + p);
        }
        name("Queue_w" + p.width() + "_d" + p.depth());
        Stream<UInt> enq = streamIn("enq", UInt(p.width()));
        Stream<UInt> deq = streamOut("deq", UInt(p.width()));
        int countWidth = Types.bitsFor(p.depth() + 1L);
        UInt countOut = output("count", UInt(countWidth));

        int ptrWidth = Types.bitsFor(p.depth());
        Vec<UInt> slots = reg("slots", Vec(UInt(p.width()), p.depth()));
        UInt head = reg("head", UInt(ptrWidth), 0);
        UInt tail = reg("tail", UInt(ptrWidth), 0);
        UInt count = reg("count_q", UInt(countWidth), 0);

        enq.ready().set(count.ne(p.depth()));
        deq.valid().set(count.ne(0));
        deq.payload().set(slots.get(head));
        countOut.set(count);

        Bool push = enq.fire();
        Bool pop = deq.fire();
        when(push, () -> {
            for (int i = 0; i < p.depth(); i++) {
                UInt slot = slots.get(i);
                when(tail.eq(i), () -> slot.set(enq.payload()));
            }
            tail.set(next(tail, p.depth()));
        });
        when(pop, () -> head.set(next(head, p.depth())));
        when(push.and(pop.not()), () -> count.set(count.addWrap(1)))
                .elseWhen(pop.and(push.not()), () -> count.set(count.subWrap(1)));
    }

    private UInt next(UInt ptr, int depth) {
        return Hw.mux(ptr.eq(depth - 1), uint(0, ptr.width()), ptr.addWrap(1));
    }
}
