package sohu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Libraries are where they are used: hdl-dsl has none, and a test-only library stays in test scope. */
class DependenciesTest {
    private static final Pattern DEP = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);

    private static List<String> dependencies(String module) throws IOException {
        String pom = Files.readString(TestCommand.repositoryRoot().resolve(module).resolve("pom.xml"));
        Matcher m = DEP.matcher(pom);
        return m.results().map(r -> r.group(1).replaceAll("\\s+", "")).toList();
    }

    @Test
    void hdlDslHasNoDependencies() throws IOException {
        assertEquals(List.of(), dependencies("hdl-dsl"));
    }

    @Test
    void commonsMathIsTestScopedAndUnusedByMainCode() throws IOException {
        List<String> math = dependencies("sohu-core").stream().filter(d -> d.contains("commons-math3")).toList();
        assertEquals(1, math.size(), math::toString);
        assertTrue(math.get(0).contains("<scope>test</scope>"), math.get(0));
        try (Stream<Path> s = Files.walk(TestCommand.repositoryRoot().resolve("sohu-core/src/main"))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".java")).toList()) {
                assertTrue(!Files.readString(p).contains("org.apache.commons.math3"), p + " uses commons-math3");
            }
        }
    }
}
