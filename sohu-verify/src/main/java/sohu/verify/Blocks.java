package sohu.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import sohu.verify.array.ArrayBlock;
import sohu.verify.fp.FmaBlock;
import sohu.verify.xformer.VectorBlock;

/** Every block with checks, in the order a regression runs them. A new block joins here. */
public final class Blocks {
    private static final List<Block> ALL = List.of(new FmaBlock(), new ArrayBlock(), new VectorBlock(),
            new sohu.verify.mem.DmaBlock());

    private Blocks() {
    }

    /** All blocks. */
    public static List<Block> all() {
        return ALL;
    }

    /** The names of all blocks. */
    public static List<String> names() {
        return ALL.stream().map(Block::name).toList();
    }

    /**
     * The blocks named in a comma-separated list, in the list's order, without duplicates.
     *
     * @throws IllegalArgumentException naming an unknown block and the known ones
     */
    public static List<Block> parse(String list) {
        List<Block> out = new ArrayList<>();
        for (String part : list.split(",", -1)) {
            String name = part.strip().toLowerCase(Locale.ROOT);
            Block b = ALL.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("unknown block '" + part.strip() + "'; choose from " + String.join(", ", names())));
            if (!out.contains(b)) {
                out.add(b);
            }
        }
        return out;
    }
}
