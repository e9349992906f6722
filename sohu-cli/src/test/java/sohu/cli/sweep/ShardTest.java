package sohu.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardTest {
    @Test
    void shardsPartitionTheGridExactly() {
        for (int size = 1; size <= 40; size++) {
            for (int n = 1; n <= 12; n++) {
                int[] seen = new int[size];
                for (int i = 1; i <= n; i++) {
                    Shard s = new Shard(i, n);
                    List<Integer> idx = s.indices(size);
                    for (int x : idx) {
                        seen[x]++;
                        assertTrue(s.contains(x));
                    }
                    // Balanced: shard sizes differ by at most one.
                    assertTrue(Math.abs(idx.size() - size / n) <= 1, size + " " + s);
                }
                for (int x = 0; x < size; x++) {
                    assertEquals(1, seen[x], "point " + x + " of " + size + " with " + n + " shards");
                }
            }
        }
    }

    @Test
    void everyNthPointStartingAtTheIthCountingFromOne() {
        assertEquals(List.of(0, 3, 6, 9), new Shard(1, 3).indices(10));
        assertEquals(List.of(1, 4, 7), new Shard(2, 3).indices(10));
        assertEquals(List.of(2, 5, 8), Shard.parse(" 3/3 ").indices(10));
        assertEquals(List.of(), new Shard(4, 4).indices(3));
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.add(i);
        }
        assertEquals(all, Shard.ALL.indices(5));
    }

    @Test
    void badShardsAreRejected() {
        for (String bad : List.of("0/3", "4/3", "1/0", "a/b", "1", "1/2/3", "", "-1/2")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shard.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("--shard must be i/n with 1 <= i <= n (i counts from 1)"), e.getMessage());
        }
    }
}
