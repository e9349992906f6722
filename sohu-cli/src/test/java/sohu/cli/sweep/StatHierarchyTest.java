package sohu.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StatHierarchyTest {
    private static final String STAT = """

            9. Printing statistics.

            === Leaf ===

               Number of wires:                 10
               Number of cells:                  5
                 $_AND_                          3
                 $_DFF_P_                        2

            === Pe_x ===

               Number of cells:                  4
                 $_DFFE_PP_                      1
                 $_MUX_                          1
                 Leaf                            2

            === PeArray_2x2 ===

               Number of cells:                  4
                 Pe_x                            4

            === Top ===

               Number of cells:                  8
                 $_XOR_                          7
                 PeArray_2x2                     1

            === design hierarchy ===

               Top                               1
                 PeArray_2x2                     1

               Number of cells:                 55
                 $_AND_                         24
            """;

    @Test
    void flattensSubmodulesPerInstance() {
        StatHierarchy h = StatHierarchy.parse(STAT);
        assertEquals(java.util.List.of("Leaf", "Pe_x", "PeArray_2x2", "Top"), h.modules());
        assertEquals("PeArray_2x2", h.find("PeArray_").orElseThrow());
        // Pe_x: 2 own + 2 x Leaf(5) = 12; array: 4 x 12 = 48; top: 7 + 48 = 55 (as the design hierarchy says).
        assertEquals(12, h.cells("Pe_x"));
        assertEquals(48, h.cells("PeArray_2x2"));
        assertEquals(55, h.cells("Top"));
        assertEquals(Map.of("$_AND_", 24L, "$_DFF_P_", 16L, "$_DFFE_PP_", 4L, "$_MUX_", 4L), h.flatten("PeArray_2x2"));
        assertThrows(IllegalArgumentException.class, () -> h.cells("Nope"));
    }
}
