package sohu.hdl;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A vector of instances of one generator ({@link Module#instances}): the same port of every
 * instance is reached as one {@link Vec}, so {@code units.io(u -> u.in).set(in)} connects an
 * input vector to all of them in one statement.
 *
 * @param <M> the children's generator class
 */
public final class InstanceVec<M extends Module> {
    private final List<InstanceHandle<M>> instances;

    InstanceVec(List<InstanceHandle<M>> instances) {
        this.instances = List.copyOf(instances);
    }

    /** Instance i. */
    public InstanceHandle<M> get(int i) {
        return instances.get(i);
    }

    /** Number of instances. */
    public int size() {
        return instances.size();
    }

    /** The instances, in order. */
    public List<InstanceHandle<M>> instances() {
        return instances;
    }

    /** The chosen port of every instance, element i being instance i's (see {@link InstanceHandle#io}). */
    public <D extends Data> Vec<D> io(Function<? super M, D> port) {
        List<D> out = new ArrayList<>(instances.size());
        for (InstanceHandle<M> h : instances) {
            out.add(h.io(port));
        }
        return new Vec<>(out);
    }
}
