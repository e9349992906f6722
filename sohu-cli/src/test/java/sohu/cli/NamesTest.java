package sohu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** One name, one meaning: no two classes of the project (any module, main or test) share a simple name. */
class NamesTest {
    @Test
    void everyClassNameIsUsedOnce() throws IOException {
        Path root = TestCommand.repositoryRoot();
        Map<String, List<String>> byName;
        try (Stream<Path> s = Files.walk(root)) {
            byName = s.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/")
                            && !p.toString().contains("/target/") && !p.getFileName().toString().equals("package-info.java"))
                    .map(p -> root.relativize(p).toString())
                    .collect(Collectors.groupingBy(p -> Path.of(p).getFileName().toString(), TreeMap::new, Collectors.toList()));
        }
        Map<String, List<String>> dup = new TreeMap<>();
        byName.forEach((n, paths) -> {
            if (paths.size() > 1) {
                dup.put(n, paths.stream().sorted().toList());
            }
        });
        assertEquals(Map.of(), dup, "classes sharing a name");
    }
}
