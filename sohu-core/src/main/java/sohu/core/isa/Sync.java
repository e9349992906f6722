package sohu.core.isa;

/**
 * A token-only instruction: it runs in {@code queue}, pops and pushes its flags, and does nothing
 * else. Bits 8..9: the queue.
 *
 * @param queue which queue runs it
 * @param deps  its tokens
 */
public record Sync(IssueQueue queue, Deps deps) implements Instruction {
    /** Checks the flags against the queue. */
    public Sync {
        deps.check(queue, "SYNC");
    }

    @Override
    public Opcode opcode() {
        return Opcode.SYNC;
    }

    @Override
    public Sync withDeps(Deps d) {
        return new Sync(queue, d);
    }

    @Override
    public Bits128 encode() {
        return Instruction.header(Opcode.SYNC, deps).put("queue", 8, 2, queue.ordinal());
    }

    static Sync decode(Bits128 b, Deps d) {
        int q = (int) b.get(8, 2);
        if (q > 2) {
            throw new IllegalArgumentException("SYNC: queue code 3 is not a queue (0 load, 1 compute, 2 store)");
        }
        return new Sync(IssueQueue.values()[q], d);
    }

    @Override
    public String body() {
        return "SYNC   " + queue.tag();
    }
}
