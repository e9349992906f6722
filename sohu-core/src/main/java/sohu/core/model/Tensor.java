package sohu.core.model;

import java.util.Arrays;

/**
 * A dense row-major tensor of FP32 values (every format a checkpoint holds widens to FP32
 * exactly).
 *
 * @param shape the dimensions, outermost first
 * @param data  the values, {@code product(shape)} of them
 */
public record Tensor(int[] shape, float[] data) {
    public Tensor {
        shape = shape.clone();
        long n = elements(shape);
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n
                    + " elements but " + data.length + " were given");
        }
    }

    /** A zero tensor of {@code shape}. */
    public static Tensor zeros(int... shape) {
        return new Tensor(shape, new float[Math.toIntExact(elements(shape))]);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** The data itself, not a copy (tensors are large): callers must not change it. */
    @Override
    public float[] data() {
        return data;
    }

    /** Dimension {@code i}. */
    public int dim(int i) {
        return shape[i];
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** The shape as text, e.g. {@code [512, 64]}. */
    public String shapeText() {
        return Arrays.toString(shape);
    }

    /** Number of elements of {@code shape}; any negative dimension is an error. */
    public static long elements(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Tensor" + shapeText();
    }
}
