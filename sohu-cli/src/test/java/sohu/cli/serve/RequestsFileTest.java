package sohu.cli.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sohu.cli.CliException;
import sohu.core.sched.Request;

class RequestsFileTest {
    @TempDir
    Path dir;

    @Test
    void readsEveryLineAndDefaultsTheArrivalStep() throws Exception {
        Path f = Files.writeString(dir.resolve("r.jsonl"),
                "{\"id\": \"a\", \"prompt\": [1, 2, 3], \"max_new_tokens\": 4, \"arrival_step\": 2}\n\n"
                        + "{\"id\": 7, \"prompt\": [9], \"max_new_tokens\": 1}\n");
        List<Request> r = RequestsFile.read(f, 10);
        assertEquals(2, r.size());
        assertEquals("a", r.get(0).id());
        assertArrayEquals(new int[] {1, 2, 3}, r.get(0).prompt());
        assertEquals(2, r.get(0).arrivalStep());
        assertEquals("7", r.get(1).id());
        assertEquals(0, r.get(1).arrivalStep());
    }

    @Test
    void everyBadLineIsReportedWithItsNumber() throws Exception {
        Path f = Files.writeString(dir.resolve("bad.jsonl"), String.join("\n",
                "{\"id\": \"ok\", \"prompt\": [1], \"max_new_tokens\": 1}",
                "{\"id\": \"empty\", \"prompt\": [], \"max_new_tokens\": 1}",
                "{\"id\": \"big\", \"prompt\": [1, 10], \"max_new_tokens\": 1}",
                "{\"id\": \"zero\", \"prompt\": [1], \"max_new_tokens\": 0}",
                "not json",
                "{\"id\": \"ok\", \"prompt\": [2], \"max_new_tokens\": 1}",
                "{\"id\": \"typo\", \"prompt\": [2], \"max_tokens\": 1}"));
        CliException e = assertThrows(CliException.class, () -> RequestsFile.read(f, 10));
        String m = e.getMessage();
        assertTrue(m.contains("bad.jsonl:2: request empty: empty prompt"), m);
        assertTrue(m.contains("bad.jsonl:3: request big: prompt[1] = 10 is not a token id"), m);
        assertTrue(m.contains("bad.jsonl:4: request zero: max_new_tokens must be at least 1"), m);
        assertTrue(m.contains("bad.jsonl:5: not JSON"), m);
        assertTrue(m.contains("bad.jsonl:6: id ok appears twice"), m);
        assertTrue(m.contains("bad.jsonl:7: unknown key(s) [max_tokens]"), m);
        assertEquals(6, m.lines().count(), m);
    }
}
