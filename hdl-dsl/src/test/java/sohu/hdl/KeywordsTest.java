package sohu.hdl;

import sohu.hdl.exec.CommandResult;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sohu.hdl.Types.UInt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every reserved word is refused as a name, and every one of them really is reserved: Icarus
 * Verilog ({@code -g2012}) rejects each as a signal name, one module per word.
 */
class KeywordsTest {
    /** IEEE 1800-2017 Annex B lists 248 keywords. */
    private static final int ANNEX_B_KEYWORDS = 248;

    private static List<String> sorted() {
        return Keywords.RESERVED.stream().sorted().toList();
    }

    @Test
    void everyKeywordIsRefusedAsASignalName() {
        List<String> words = sorted();
        assertEquals(ANNEX_B_KEYWORDS, words.size());
        for (String kw : words) {
            HdlException e = assertThrows(HdlException.class, () -> Elaborator.elaborate("Kw", () -> new Module() { {
                input(kw, UInt(4));
            } }), kw);
            assertTrue(e.getMessage().contains("'" + kw + "' is a SystemVerilog keyword"), e.getMessage());
            assertTrue(e.getMessage().contains(kw + "_q"), "no suggested name in " + e.getMessage());
        }
    }

    @Test
    void icarusRejectsEveryKeywordAsASignalNameAndAcceptsTheSuggestedOnes(@TempDir Path dir) throws IOException {
        List<String> words = sorted();
        StringBuilder bad = new StringBuilder();
        StringBuilder good = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            bad.append("module m").append(i).append("; logic ").append(words.get(i)).append("; endmodule\n");
            good.append("module m").append(i).append("; logic ").append(words.get(i)).append("_q; endmodule\n");
        }
        Files.writeString(dir.resolve("bad.sv"), bad);
        Files.writeString(dir.resolve("good.sv"), good);
        CommandResult r = Tools.run(dir, List.of("iverilog", "-g2012", "-o", "/dev/null", "bad.sv"));
        List<Integer> rejected = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^bad\\.sv:(\\d+): syntax error").matcher(r.output());
        while (m.find()) {
            rejected.add(Integer.parseInt(m.group(1)));
        }
        List<Integer> all = new ArrayList<>();
        for (int i = 1; i <= words.size(); i++) {
            all.add(i);
        }
        assertEquals(all, rejected, "lines (one keyword each) that Icarus did not reject:\n" + r.output());
        CommandResult ok = Tools.run(dir, List.of("iverilog", "-g2012", "-o", "/dev/null", "good.sv"));
        assertEquals(0, ok.exit(), ok.output());
    }
}
