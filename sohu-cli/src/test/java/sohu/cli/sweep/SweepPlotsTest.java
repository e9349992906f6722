package sohu.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sohu.core.fp.FpFormat;

class SweepPlotsTest {
    @TempDir
    Path tmp;

    private static void assertPng(Path f) throws Exception {
        assertTrue(Files.size(f) > 1000, f + " is nearly empty");
        BufferedImage img = ImageIO.read(f.toFile());
        assertNotNull(img, f + " does not decode");
        assertEquals(SweepPlots.WIDTH, img.getWidth());
        assertEquals(SweepPlots.HEIGHT, img.getHeight());
        Set<Integer> colors = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                colors.add(img.getRGB(x, y));
            }
        }
        assertTrue(colors.size() > 5, f + " looks blank");
    }

    @Test
    void threePlotsDecodeWithTheExpectedSize() throws Exception {
        SweepSettings s = new SweepSettings(1200, SweepSettings.DEFAULT_MAC_BUDGET, true, 16);
        FakeEvaluator f = new FakeEvaluator(s);
        SweepGrid g = SweepGrid.ofAxes(List.of(2, 4, 8), List.of(2, 8),
                List.of(FpFormat.BF16, FpFormat.FP16, FpFormat.E4M3, FpFormat.E5M2), List.of(1, 3), false);
        List<PointResult> rs = new ArrayList<>();
        for (int i = 0; i < g.size(); i++) {
            rs.add(f.evaluate(i, g.points().get(i), tmp));
        }
        List<Path> files = SweepPlots.write(tmp, rs);
        assertEquals(SweepPlots.FILES, files.stream().map(p -> p.getFileName().toString()).toList());
        for (Path p : files) {
            assertPng(p);
        }
        byte[] again = Files.readAllBytes(files.get(1));
        SweepPlots.write(tmp, rs);
        assertTrue(java.util.Arrays.equals(again, Files.readAllBytes(files.get(1))), "plots are deterministic");
    }

    @Test
    void plotsWithoutDataStillDecode() throws Exception {
        SweepSettings s = new SweepSettings(1200, SweepSettings.DEFAULT_MAC_BUDGET, false, 16);
        PointResult r = new FakeEvaluator(s).evaluate(0, new SweepPoint(2, 2, FpFormat.BF16, 1), tmp);
        for (Path p : SweepPlots.write(tmp, List.of(r))) {
            assertPng(p);
        }
    }
}
