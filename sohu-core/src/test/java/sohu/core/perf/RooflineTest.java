package sohu.core.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RooflineTest {

    private static void assertWithin(double expected, double actual, double relTol) {
        assertTrue(Math.abs(actual - expected) <= relTol * Math.abs(expected),
                () -> "expected " + expected + " within " + relTol * 100 + "% but was " + actual);
    }

    /** Round numbers so the expected times can be worked out by hand. */
    private static final GpuSpec TOY = new GpuSpec("toy", 1e15, 2e15, 1e12, 1e10, 0.5);

    @Test
    void stepIsMaxOfComputeAndMemoryPlusComm() {
        BatchCost c = new BatchCost(0.6e15, 0.4e15, 3e12, 0.5e12, 0.5e12, 1e9, 10);
        StepTime s = Roofline.step(c, TOY, NumberFormat.BF16, 2);
        assertEquals(1.0, s.computeSeconds(), 1e-12); // 1e15 / (2 x 1e15 x 0.5)
        assertEquals(2.0, s.memorySeconds(), 1e-12); // 4e12 / (2 x 1e12)
        assertEquals(1.0, s.commSeconds(), 1e-12); // 10 x (2 x 1/2 x 1e9) / 1e10
        assertEquals(3.0, s.totalSeconds(), 1e-12);
        assertEquals(Bound.MEMORY, s.bound());

        StepTime heavy = Roofline.step(new BatchCost(3e15, 1e15, 1e12, 0, 0, 0, 0), TOY, NumberFormat.FP8, 1);
        assertEquals(4e15 / (2e15 * 0.5), heavy.computeSeconds(), 1e-12); // FP8 peak is 2e15
        assertEquals(Bound.COMPUTE, heavy.bound());
        assertEquals(heavy.computeSeconds(), heavy.totalSeconds(), 1e-12);
    }

    @Test
    void oneChipHasNoCommunication() {
        BatchCost c = BatchCost.of(TransformerSpec.LLAMA3_8B, Batch.of(512, 32), NumberFormat.BF16);
        assertEquals(0.0, Roofline.step(c, GpuSpec.H100_SXM, NumberFormat.BF16, 1).commSeconds());
        assertThrows(IllegalArgumentException.class, () -> Roofline.step(c, GpuSpec.H100_SXM, NumberFormat.BF16, 0));
    }

    @Test
    void h200BalancePointReproducesTheAnnounced6point8Pflops() {
        BatchCost asAnnounced = Announcement.costAsAnnounced(Announcement.MODEL, Announcement.BATCH,
                NumberFormat.BF16);
        assertWithin(6.8e15, Roofline.balanceFlops(asAnnounced, GpuSpec.H200), 0.03);
        // The announcement's own rounded inputs: 304 TFLOP / ((140 + 72) GB / 4.8 TB/s).
        assertWithin(6.8e15, 304e12 / ((140e9 + 72e9) / 4.8e12), 0.03);
    }

    @Test
    void weightsOnlyWouldNeedAbout10Pflops() {
        BatchCost weightsOnly = Announcement.costAsAnnounced(Announcement.MODEL, Announcement.BATCH,
                NumberFormat.BF16).withKvReadBytes(0);
        assertWithin(304e12 / (140e9 / 4.8e12), Roofline.balanceFlops(weightsOnly, GpuSpec.H200), 0.03);
    }

    @Test
    void realKvShapeLowersTheBalancePoint() {
        BatchCost real = BatchCost.of(Announcement.MODEL, Announcement.BATCH, NumberFormat.BF16);
        double balance = Roofline.balanceFlops(real, GpuSpec.H200);
        assertTrue(balance < 0.97 * 6.8e15 && balance > 0.85 * 6.8e15, "real 80-layer KV gives " + balance);
    }

    @Test
    void gpusAreComputeBoundOnTheAnnouncementBatch() {
        // The announcement's point: this batch has far more compute than memory traffic.
        BatchCost c = BatchCost.of(Announcement.MODEL, Announcement.BATCH, NumberFormat.BF16);
        for (GpuSpec g : new GpuSpec[] {GpuSpec.H100_SXM, GpuSpec.H200, GpuSpec.B200}) {
            assertEquals(Bound.COMPUTE, Roofline.step(c, g, NumberFormat.BF16, 8).bound(), g.name());
        }
    }

    @Test
    void pureDecodeIsMemoryBound() {
        BatchCost c = BatchCost.of(Announcement.MODEL, new Batch(0, 8, 2048), NumberFormat.BF16);
        assertEquals(Bound.MEMORY, Roofline.step(c, GpuSpec.H100_SXM, NumberFormat.BF16, 8).bound());
    }
}
