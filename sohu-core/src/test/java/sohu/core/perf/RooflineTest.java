package sohu.core.perf;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RooflineTest {

    private static void assertWithin(double expected, double actual, double relTol) {
        assertTrue(Math.abs(actual - expected) <= relTol * Math.abs(expected),
                () -> "expected " + expected + " within " + relTol * 100 + "% but was " + actual);
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
}
