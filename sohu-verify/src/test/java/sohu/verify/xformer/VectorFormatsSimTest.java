package sohu.verify.xformer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sohu.core.fp.FpFormat;
import sohu.core.xformer.VectorConfig;
import sohu.core.xformer.rtl.VectorUnit;

/**
 * Converted activation writes of a 2-lane unit in every format (one Verilator build per format, so
 * only with {@code -Dsohu.long=true}; the default suite covers BF16 in {@link VectorUnitSimTest} and
 * every converter tile in {@code ConvertSimTest}): the edge cases through {@code x × 1}
 * ({@link VectorChecks#convertedWrites}).
 */
@EnabledIfSystemProperty(named = "sohu.long", matches = "true")
class VectorFormatsSimTest {
    @ParameterizedTest
    @EnumSource(FpFormat.class)
    void convertedWrites(FpFormat f) {
        try (VectorUnitDriver unit = new VectorUnitDriver(new VectorUnit.Params(new VectorConfig(2, f), VectorChecks.DEPTH))) {
            assertEquals(LaneInputs.edges().size(), VectorChecks.convertedWrites(unit, f));
        }
    }
}
