package sohu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SurefireReportsTest {
    @TempDir
    Path root;

    private Path report(String module, String cls, String... testClasses) throws IOException {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<testsuite name=\"" + cls + "\" tests=\""
                + testClasses.length + "\">\n");
        for (int i = 0; i < testClasses.length; i++) {
            xml.append("  <testcase name=\"t").append(i).append("()\" classname=\"").append(testClasses[i])
                    .append("\" time=\"0.1\"/>\n");
        }
        xml.append("</testsuite>\n");
        Path dir = Files.createDirectories(root.resolve(module).resolve("target/surefire-reports"));
        return Files.writeString(dir.resolve("TEST-" + cls + ".xml"), xml);
    }

    /** The shape of the 3.2.5 bug: SystolicArrayTest's report held another class's tests. */
    @Test
    void aReportWithAnotherClassesTestsIsMisfiled() throws IOException {
        report("hdl-dsl", "sohu.hdl.examples.SystolicArrayTest", "sohu.hdl.examples.SystolicArrayTest",
                "sohu.hdl.tests.ChecksTest", "sohu.hdl.tests.ChecksTest");
        report("hdl-dsl", "sohu.hdl.tests.ChecksTest");
        report("sohu-cli", "sohu.cli.MainTest", "sohu.cli.MainTest", "sohu.cli.MainTest$Nested");
        assertEquals(List.of("hdl-dsl/TEST-sohu.hdl.examples.SystolicArrayTest.xml lists tests of sohu.hdl.tests.ChecksTest"),
                SurefireReports.misfiled(root, 0));
    }

    @Test
    void reportsOfEarlierRunsAreIgnored() throws IOException {
        Path old = report("m", "a.B", "a.C");
        Files.setLastModifiedTime(old, FileTime.fromMillis(1000));
        assertEquals(List.of(), SurefireReports.misfiled(root, 5000));
        assertEquals(1, SurefireReports.misfiled(root, 0).size());
    }
}
