package sohu.core.isa;

/**
 * The dependency flags every instruction carries (as in VTA): before it runs, the instruction pops
 * one token from each flagged incoming queue (waiting until one is there); after it finishes, it
 * pushes one token to each flagged outgoing queue. "Prev" and "next" are the neighbouring queues
 * ({@link IssueQueue#prev()}, {@link IssueQueue#next()}): the load queue has no prev, the store queue no next.
 * Bits 4..7 of every instruction: popPrev, popNext, pushPrev, pushNext.
 *
 * @param popPrev  wait for a token from the previous queue
 * @param popNext  wait for a token from the next queue
 * @param pushPrev send a token to the previous queue when done
 * @param pushNext send a token to the next queue when done
 */
public record Deps(boolean popPrev, boolean popNext, boolean pushPrev, boolean pushNext) {
    /** No tokens. */
    public static final Deps NONE = new Deps(false, false, false, false);

    /** Bit position of the first flag. */
    static final int LSB = 4;

    /** Checks that the flags name queues that exist for {@code q}. */
    public void check(IssueQueue q, Object where) {
        if ((popPrev || pushPrev) && q.prev() == null) {
            throw new IllegalArgumentException(where + ": the " + q.tag() + " queue has no previous queue to pop from or push to");
        }
        if ((popNext || pushNext) && q.next() == null) {
            throw new IllegalArgumentException(where + ": the " + q.tag() + " queue has no next queue to pop from or push to");
        }
    }

    /** Whether any flag is set. */
    public boolean any() {
        return popPrev || popNext || pushPrev || pushNext;
    }

    /** These flags plus a pop from {@code from}, seen from queue {@code q}. */
    public Deps withPop(IssueQueue q, IssueQueue from) {
        return from == q.prev() ? new Deps(true, popNext, pushPrev, pushNext) : new Deps(popPrev, true, pushPrev, pushNext);
    }

    /** These flags plus a push to {@code to}, seen from queue {@code q}. */
    public Deps withPush(IssueQueue q, IssueQueue to) {
        return to == q.prev() ? new Deps(popPrev, popNext, true, pushNext) : new Deps(popPrev, popNext, pushPrev, true);
    }

    /** Whether this already pops from {@code from} (seen from {@code q}). */
    public boolean pops(IssueQueue q, IssueQueue from) {
        return from == q.prev() ? popPrev : from == q.next() && popNext;
    }

    /** Whether this already pushes to {@code to} (seen from {@code q}). */
    public boolean pushes(IssueQueue q, IssueQueue to) {
        return to == q.prev() ? pushPrev : to == q.next() && pushNext;
    }

    void encode(Bits128 b) {
        b.put("popPrev", LSB, popPrev).put("popNext", LSB + 1, popNext)
                .put("pushPrev", LSB + 2, pushPrev).put("pushNext", LSB + 3, pushNext);
    }

    static Deps decode(Bits128 b) {
        return new Deps(b.bit(LSB), b.bit(LSB + 1), b.bit(LSB + 2), b.bit(LSB + 3));
    }

    /** Assembler text, e.g. {@code  ; pop load push store}, empty when no flag is set. */
    public String text(IssueQueue q) {
        StringBuilder sb = new StringBuilder();
        if (popPrev) {
            sb.append(" pop ").append(q.prev().tag());
        }
        if (popNext) {
            sb.append(" pop ").append(q.next().tag());
        }
        if (pushPrev) {
            sb.append(" push ").append(q.prev().tag());
        }
        if (pushNext) {
            sb.append(" push ").append(q.next().tag());
        }
        return sb.length() == 0 ? "" : " ;" + sb;
    }
}
