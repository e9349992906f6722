package sohu.verify;

import java.util.List;
import sohu.core.array.ArrayConfig;

/** A block of the accelerator with its checks for a configuration. */
public interface Block {
    /** The name used by {@code --blocks}. */
    String name();

    /**
     * The checks of this block for a configuration at a level, in a fixed order.
     *
     * @throws IllegalArgumentException when the configuration cannot run them (a one-line reason and fix)
     */
    List<BlockCheck> checks(ArrayConfig cfg, Level level);
}
