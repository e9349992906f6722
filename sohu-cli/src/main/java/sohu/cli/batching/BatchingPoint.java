package sohu.cli.batching;

import java.util.Comparator;
import sohu.cli.sweep.SweepPoint;
import sohu.core.fp.FpFormat;

/**
 * One measurement of {@code sohu bench batching}: a square array, a format and the kind of step.
 *
 * @param size       rows = cols of the array
 * @param format     the chip's number format
 * @param decodeOnly the decode-only step instead of the mixed one
 */
public record BatchingPoint(int size, FpFormat format, boolean decodeOnly) {
    /** Array size, then format, then mixed before decode-only: the order of the table and the plot. */
    public static final Comparator<BatchingPoint> ORDER = Comparator.comparingInt(BatchingPoint::size)
            .thenComparing(BatchingPoint::format).thenComparing(BatchingPoint::decodeOnly);

    /** "mixed" or "decode". */
    public String kind() {
        return decodeOnly ? "decode" : "mixed";
    }

    /** "8x8". */
    public String array() {
        return size + "x" + size;
    }

    /** Unique within a run and stable across runs: {@code 8x8_bf16_mixed}. */
    public String key() {
        return array() + "_" + SweepPoint.name(format) + "_" + kind();
    }

    /** Parses the three columns that name a point. */
    public static BatchingPoint parse(String array, String format, String kind) {
        String[] rc = array.split("x");
        if (rc.length != 2 || !rc[0].equals(rc[1]) || !(kind.equals("mixed") || kind.equals("decode"))) {
            throw new IllegalArgumentException("bad point " + array + " " + format + " " + kind
                    + ", expected e.g. 8x8 bf16 mixed");
        }
        try {
            return new BatchingPoint(Integer.parseInt(rc[0]), SweepPoint.parseFormat(format), kind.equals("decode"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad array '" + array + "', expected e.g. 8x8");
        }
    }
}
