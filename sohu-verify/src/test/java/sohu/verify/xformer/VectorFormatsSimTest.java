package sohu.verify.xformer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sohu.core.fp.FpFormat;
import sohu.core.xformer.RowConvert;
import sohu.core.xformer.VectorConfig;
import sohu.core.xformer.VectorOp;
import sohu.core.xformer.rtl.VectorUnit;

/**
 * Converted activation writes of a 2-lane unit in every format (one Verilator build per format, so
 * only with {@code -Dsohu.long=true}; the default suite covers BF16 in {@link VectorUnitSimTest} and
 * every converter tile in {@code ConvertSimTest}): the edge cases through {@code x × 1}.
 */
@EnabledIfSystemProperty(named = "sohu.long", matches = "true")
class VectorFormatsSimTest {
    @ParameterizedTest
    @EnumSource(FpFormat.class)
    void convertedWrites(FpFormat f) {
        List<Integer> edges = LaneInputs.edges();
        int[] row = edges.stream().mapToInt(Integer::intValue).toArray();
        try (VectorUnitDriver unit = new VectorUnitDriver(new VectorUnit.Params(new VectorConfig(2, f), 256))) {
            unit.load(0, row);
            unit.run(VectorUnitDriver.Instr.of(VectorOp.MUL_SCALAR, 0, 0, 128, row.length)
                    .scalars(0x3F800000, 0, 0).toActivations());
            int[] got = unit.activationRow(128, row.length);
            long mask = (1L << f.width()) - 1;
            for (int i = 0; i < row.length; i++) {
                int want = RowConvert.convert(VectorOp.MUL_SCALAR.apply(row[i], 0, 0x3F800000, 0, 0, false), f);
                assertEquals(want, (int) (got[i] & mask), f + " element " + i + String.format(" 0x%08X", row[i]));
            }
        }
    }
}
